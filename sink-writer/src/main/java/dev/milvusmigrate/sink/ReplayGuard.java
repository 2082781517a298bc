package dev.milvusmigrate.sink;

import dev.milvusmigrate.milvus.ColumnarWriter.Mode;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;

/**
 * Knows which Kafka partitions may replay a batch that was already written: after a partition is
 * assigned (restart or rebalance) the first uncommitted record may have been applied by the
 * previous owner before it crashed, and after a failed or timed-out write the batch may have
 * reached the target anyway. Such batches are upserted; once an offset is committed after a
 * write, later batches of the partition are new and are plainly inserted.
 */
final class ReplayGuard {

  private final Set<TopicPartition> uncertain = new HashSet<>();

  synchronized void assigned(Collection<TopicPartition> partitions) {
    uncertain.addAll(partitions);
  }

  synchronized void revoked(Collection<TopicPartition> partitions) {
    uncertain.removeAll(partitions);
  }

  synchronized Mode modeFor(TopicPartition partition) {
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
