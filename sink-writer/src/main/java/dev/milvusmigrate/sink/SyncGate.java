package dev.milvusmigrate.sink;

import dev.milvusmigrate.core.domain.RecordKeys;
import dev.milvusmigrate.schemas.avro.CollectionCopied;
import dev.milvusmigrate.schemas.avro.CollectionPlan;
import dev.milvusmigrate.schemas.avro.JobPlanned;
import java.util.HashSet;
import java.util.Set;

/**
 * Whether a zero-downtime job's mutations may be applied: once the exporter planned the job, which
 * fixes the snapshot timestamp T, and the snapshot of every planned collection is on the target.
 * Folded from the job's progress events in any order; every sink instance reads the same events,
 * so it does not matter which instance copied which collection.
 *
 * <p>Exporter instances may each publish a plan. Then the gate waits for the collections of all
 * of them, and T is the earliest: applying a change the snapshot already holds again converges
 * to the same state (DESIGN §4.1), skipping one it does not hold would lose it.
 */
final class SyncGate {

  private final Set<String> planned = new HashSet<>();
  private final Set<String> complete = new HashSet<>();
  private long snapshotTs = Long.MAX_VALUE;

  /** Takes one progress event of the job; events that say nothing about the gate are ignored. */
  void accept(Object payload) {
    if (payload instanceof JobPlanned plan) {
      snapshotTs = Math.min(snapshotTs, plan.getSnapshotTs());
      plan.getCollections().forEach(collection -> planned.add(key(collection)));
    } else if (payload instanceof CollectionCopied copied && copied.getSnapshotComplete()) {
      complete.add(RecordKeys.collection(copied.getDatabase(), copied.getCollection()));
    }
  }

  boolean isOpen() {
    return isPlanned() && complete.containsAll(planned);
  }

  /** The snapshot timestamp T: mutations at or before it are in the snapshot already. */
  long snapshotTs() {
    if (!isPlanned()) {
      throw new IllegalStateException("the job is not planned yet");
    }
    return snapshotTs;
  }

  private boolean isPlanned() {
    return snapshotTs != Long.MAX_VALUE;
  }

  private static String key(CollectionPlan collection) {
    return RecordKeys.collection(collection.getDatabase(), collection.getCollection());
  }
}
