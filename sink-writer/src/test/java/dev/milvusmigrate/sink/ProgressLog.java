package dev.milvusmigrate.sink;

import dev.milvusmigrate.kafka.KafkaClients;
import dev.milvusmigrate.schemas.avro.ProgressEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/** Reads a job's progress topic from the beginning, for assertions on what the sink reported. */
final class ProgressLog implements AutoCloseable {

  private final KafkaConsumer<String, ProgressEvent> consumer;
  private final List<Object> payloads = new ArrayList<>();

  ProgressLog(KafkaClients clients, String topic) {
    this.consumer = clients.consumer(ProgressEvent.class, "progress-log-" + UUID.randomUUID(), "progress-log");
    TopicPartition partition = new TopicPartition(topic, 0);
    consumer.assign(List.of(partition));
    consumer.seekToBeginning(List.of(partition));
  }

  /** Every payload read so far, after polling once more. */
  List<Object> poll() {
    consumer.poll(Duration.ofMillis(200)).forEach(record -> payloads.add(record.value().getPayload()));
    return List.copyOf(payloads);
  }

  <T> List<T> poll(Class<T> type) {
    return poll().stream().filter(type::isInstance).map(type::cast).toList();
  }

  @Override
  public void close() {
    consumer.close();
  }
}
