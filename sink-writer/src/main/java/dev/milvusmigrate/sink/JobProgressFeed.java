package dev.milvusmigrate.sink;

import dev.milvusmigrate.kafka.DeadLetters;
import dev.milvusmigrate.kafka.KafkaClients;
import dev.milvusmigrate.schemas.avro.ProgressEvent;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * One job's events on the shared progress topic, read from the beginning in no consumer group
 * (every sink instance needs all of them) and handed to a fold. Records it cannot decode are logged
 * and skipped (the lag-monitor copies them to the dead-letter topic).
 */
final class JobProgressFeed implements AutoCloseable {

  private final KafkaConsumer<String, ProgressEvent> consumer;
  private final String jobId;
  private final DeadLetters foreign = DeadLetters.readerOnly();

  JobProgressFeed(KafkaClients clients, String topic, String jobId, String clientId) {
    this.consumer = clients.reader(ProgressEvent.class, clientId);
    this.jobId = jobId;
    List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
        .map(info -> new TopicPartition(topic, info.partition())).toList();
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
  }

  /** Hands the job's events that arrived within {@code wait} to the fold. */
  void poll(Duration wait, Consumer<Object> fold) {
    for (ConsumerRecord<String, ProgressEvent> record : foreign.poll(consumer, wait)) {
      if (jobId.equals(record.key()) && record.value() != null) {
        fold.accept(record.value().getPayload());
      }
    }
  }

  @Override
  public void close() {
    consumer.close();
  }
}
