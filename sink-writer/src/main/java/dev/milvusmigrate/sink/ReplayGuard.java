package dev.milvusmigrate.sink;

import dev.milvusmigrate.milvus.ColumnarWriter.Mode;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;

/**
 * Decides when a plain insert cannot duplicate an entity (Milvus does not de-duplicate inserts),
 * and upserts everywhere else:
 *
 * <ul>
 *   <li>only into collections this sink created itself, having seen their schema event: a
 *       collection that already existed, or whose copy this sink joins midway (after a restart
 *       or a reassignment), may already hold any of the rows;
 *   <li>not for the first record after a partition is assigned (the previous owner may have
 *       applied it before it crashed), nor after a failed or timed-out write (it may have
 *       reached the target anyway), until an offset is committed after a write.
 * </ul>
 */
final class ReplayGuard {

  private final Set<TopicPartition> uncertain = new HashSet<>();
  private final Set<String> createdHere = new HashSet<>();

  /** This sink created the target collection, empty, before any of its rows arrived. */
  synchronized void created(String targetCollection) {
    createdHere.add(targetCollection);
  }

  synchronized Mode modeFor(TopicPartition partition, String targetCollection) {
    return createdHere.contains(targetCollection) ? modeFor(partition) : Mode.UPSERT;
  }

  synchronized void assigned(Collection<TopicPartition> partitions) {
    uncertain.addAll(partitions);
  }

  synchronized void revoked(Collection<TopicPartition> partitions) {
    uncertain.removeAll(partitions);
  }

  private Mode modeFor(TopicPartition partition) {
    return uncertain.contains(partition) ? Mode.UPSERT : Mode.INSERT;
  }

  /** A write failed or its commit did not happen: the batch may be on the target. */
  synchronized void mayHaveWritten(TopicPartition partition) {
    uncertain.add(partition);
  }

  /** The record's offset was committed after the target acknowledged it. */
  synchronized void committed(TopicPartition partition) {
    uncertain.remove(partition);
  }
}
