package dev.milvusmigrate.proxy;

import dev.milvusmigrate.milvus.api.AcknowledgedDelete;
import dev.milvusmigrate.milvus.api.AcknowledgedWrite;
import dev.milvusmigrate.milvus.api.AcknowledgedWriteDecoder;
import dev.milvusmigrate.milvus.api.UnreadableWrite;
import dev.milvusmigrate.milvus.wal.WalKeys;
import io.grpc.Metadata;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the write calls the source answered into {@link AcknowledgedWrite}s
 * for a recorder. A write that cannot be read cannot be recorded either: it is counted, logged and
 * thrown, so the application learns its write was not recorded.
 */
final class AcknowledgedWrites {

  private static final Logger log = LoggerFactory.getLogger(AcknowledgedWrites.class);

  private final AcknowledgedWriteDecoder decoder = new AcknowledgedWriteDecoder();
  private final WriteRecorder recorder;
  private final Runnable unreadable;

  /** @param unreadable told of each write that could not be read */
  AcknowledgedWrites(WriteRecorder recorder, Runnable unreadable) {
    this.recorder = recorder;
    this.unreadable = unreadable;
  }

  /**
   * @param headers the application's request headers
   * @param ordered for a delete, the keys its filter matched just before it was forwarded; the
   *     collection's schema as described for the write
   * @param intent the sequence of the write's intent record, or 0
   * @return whether the write changed something, and so was recorded
   */
  boolean answered(String method, Metadata headers, String dbnameHeader, byte[] request, byte[] response,
      WriteOrder.Ordered ordered, long intent) {
    try {
      Optional<AcknowledgedWrite> changed = decoder.decode(method, dbnameHeader, request, response)
          .map(write -> withKeys(write, ordered.deleteKeys())).filter(AcknowledgedWrites::changesSomething);
      changed.ifPresent(write -> recorder.record(write, headers, intent, ordered.schema()));
      return changed.isPresent();
    } catch (UnreadableWrite e) {
      unreadable.run();
      log.warn("A call of {} that the source acknowledged could not be read: {}", method, e.getMessage());
      throw e;
    }
  }

  /** Whether the source answered the call with an error, which does not prove it was not applied. */
  boolean refused(String method, byte[] response) {
    return decoder.refused(method, response);
  }

  /**
   * A delete with the keys its filter matched, as the proxy resolved them while it held the
   * collection. Where the source names the keys it deleted, they must include those: Milvus Lite
   * also names keys of the expression that did not exist, which removed nothing.
   */
  private static AcknowledgedWrite withKeys(AcknowledgedWrite write, Optional<WalKeys> resolved) {
    if (!(write instanceof AcknowledgedDelete delete) || resolved.isEmpty()) {
      return write;
    }
    if (delete.keys().isPresent() && !Set.copyOf(delete.keys().get().values()).containsAll(resolved.get().values())) {
      throw new IllegalStateException("the source did not delete all " + resolved.get().size() + " entities of "
          + delete.collection() + " its filter matched just before");
    }
    return new AcknowledgedDelete(delete.database(), delete.collection(), delete.partition(), delete.filter(),
        resolved, delete.deleted(), delete.timestamp());
  }

  /** A delete whose filter matched nothing changed nothing. */
  private static boolean changesSomething(AcknowledgedWrite write) {
    return !(write instanceof AcknowledgedDelete delete) || delete.keys().map(keys -> keys.size() > 0).orElse(true);
  }
}
