package dev.milvusmigrate.e2e;

import dev.milvusmigrate.kafka.KafkaClients;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads a topic of the pipeline from the beginning (committed records only) with a consumer that
 * stays assigned, so repeated {@link #poll()} calls return the records that arrived since.
 */
final class TopicRecords<V extends SpecificRecordBase> implements AutoCloseable {

  private final KafkaConsumer<String, V> consumer;

  TopicRecords(String bootstrap, String topic, Class<V> type) {
    this.consumer = new KafkaClients(bootstrap, Map.of()).consumer(type, "e2e-reader-" + UUID.randomUUID(),
        "e2e-reader");
    List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
        .map(p -> new TopicPartition(topic, p.partition())).toList();
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
  }

  /** The values that arrived since the last call (null values of deletes left out). */
  List<V> poll() {
    List<V> values = new ArrayList<>();
    for (ConsumerRecord<String, V> record : consumer.poll(Duration.ofMillis(200))) {
      if (record.value() != null) {
        values.add(record.value());
      }
    }
    return values;
  }

  /** Everything up to the current end of the topic. */
  List<V> readToEnd() {
    List<V> values = new ArrayList<>();
    Map<TopicPartition, Long> end = consumer.endOffsets(consumer.assignment());
    while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
      values.addAll(poll());
    }
    return values;
  }

  @Override
  public void close() {
    consumer.close();
  }
}
