package dev.milvusmigrate.sink.live;

import dev.milvusmigrate.core.domain.RecordKeys;
import dev.milvusmigrate.kafka.KafkaClients;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Follows every partition of a job's mutations topic from given offsets, outside any consumer
 * group (it never commits and never takes partitions from the sink), handing the entity each
 * mutation changed, with its partition and offset, to a listener. Only record keys are read: a
 * mutation's key names its entity ({@link RecordKeys#entity}), and values stay undecoded.
 */
final class MutationTail implements AutoCloseable {

  interface Listener {
    void changed(int partition, long offset, RecordKeys.Entity entity);
  }

  private final KafkaConsumer<String, byte[]> consumer;
  private final List<TopicPartition> partitions;

  MutationTail(KafkaClients clients, String topic, String clientId) {
    this.consumer = clients.keyReader(clientId);
    this.partitions = consumer.partitionsFor(topic).stream()
        .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
    consumer.assign(partitions);
  }

  /** Moves to the end of every partition and returns those offsets, by partition number. */
  Map<Integer, Long> seekToEnd() {
    Map<Integer, Long> end = endOffsets();
    partitions.forEach(p -> consumer.seek(p, end.get(p.partition())));
    return end;
  }

  /** Hands on the entities changed by the records that arrive within {@code timeout}. */
  void poll(Duration timeout, Listener listener) {
    for (ConsumerRecord<String, byte[]> record : consumer.poll(timeout)) {
      RecordKeys.parseEntity(record.key())
          .ifPresent(entity -> listener.changed(record.partition(), record.offset(), entity));
    }
  }

  /** Reads until every partition's position reached the given offset (by partition number). */
  void readUpTo(Map<Integer, Long> offsets, Listener listener) {
    while (partitions.stream().anyMatch(p -> consumer.position(p) < offsets.getOrDefault(p.partition(), 0L))) {
      poll(Duration.ofMillis(200), listener);
    }
  }

  private Map<Integer, Long> endOffsets() {
    Map<Integer, Long> end = new HashMap<>();
    consumer.endOffsets(partitions).forEach((p, offset) -> end.put(p.partition(), offset));
    return end;
  }

  void wakeup() {
    consumer.wakeup();
  }

  @Override
  public void close() {
    consumer.close();
  }
}
