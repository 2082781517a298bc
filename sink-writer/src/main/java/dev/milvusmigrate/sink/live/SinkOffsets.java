package dev.milvusmigrate.sink.live;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;

/**
 * The offsets the sink group committed on a job's mutations topic, by partition number. Since the
 * sink commits only what the target acknowledged, everything below them is on the target.
 */
final class SinkOffsets implements AutoCloseable {

  private final Admin admin;
  private final String groupId;
  private final String topic;

  SinkOffsets(Admin admin, String groupId, String topic) {
    this.admin = admin;
    this.groupId = groupId;
    this.topic = topic;
  }

  Map<Integer, Long> committed() {
    try {
      Map<Integer, Long> committed = new HashMap<>();
      admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get().forEach((partition, offset) -> {
        if (offset != null && partition.topic().equals(topic)) {
          committed.put(partition.partition(), offset.offset());
        }
      });
      return committed;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading the sink's committed offsets", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot read the sink's committed offsets: " + e.getCause().getMessage(), e);
    }
  }

  /** Whether the sink committed at least {@code offsets} in every partition named. */
  boolean reached(Map<Integer, Long> offsets) {
    Map<Integer, Long> committed = committed();
    return offsets.entrySet().stream().allMatch(e -> committed.getOrDefault(e.getKey(), 0L) >= e.getValue());
  }

  @Override
  public void close() {
    admin.close();
  }
}
