package dev.milvusmigrate.sink;

import dev.milvusmigrate.kafka.KafkaClients;
import dev.milvusmigrate.schemas.avro.ProgressEvent;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One job's events on the shared progress topic, read from the beginning in no consumer group
 * (every sink instance needs all of them) and handed to a fold. Records it cannot decode are other
 * versions' or other jobs' business: logged and skipped.
 */
final class JobProgressFeed implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(JobProgressFeed.class);

  private final KafkaConsumer<String, ProgressEvent> consumer;
  private final String jobId;

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
    try {
      for (ConsumerRecord<String, ProgressEvent> record : consumer.poll(wait)) {
        if (jobId.equals(record.key()) && record.value() != null) {
          fold.accept(record.value().getPayload());
        }
      }
    } catch (RecordDeserializationException e) {
      log.warn("Skipping a record on {} at offset {} that this sink cannot decode: {}", e.topicPartition(),
          e.offset(), e.getMessage());
      consumer.seek(e.topicPartition(), e.offset() + 1);
    }
  }

  @Override
  public void close() {
    consumer.close();
  }
}
