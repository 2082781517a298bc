package dev.milvusmigrate.proxy;

import dev.milvusmigrate.schemas.avro.ProxyChange;
import dev.milvusmigrate.schemas.avro.ProxyChangeKind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A fold over the proxy's topic, oldest record first: the intents no later record settles, the
 * newest stamp and the highest sequence seen.
 */
final class OpenIntents {

  private final Map<Long, ProxyChange> open = new LinkedHashMap<>();
  private long newestTs;
  private long highestSequence;

  void add(ProxyChange change) {
    newestTs = Math.max(newestTs, change.getTs());
    if (change.getKind() == ProxyChangeKind.TICK) {
      return;
    }
    highestSequence = Math.max(highestSequence, change.getSequence());
    if (change.getKind() == ProxyChangeKind.INTENT) {
      open.put(change.getSequence(), change);
    } else if (change.getIntent() != 0) {
      open.remove(change.getIntent());
    }
  }

  /** The INTENT records without an outcome, oldest first. */
  List<ProxyChange> open() {
    return List.copyOf(open.values());
  }

  long newestTs() {
    return newestTs;
  }

  long highestSequence() {
    return highestSequence;
  }
}
