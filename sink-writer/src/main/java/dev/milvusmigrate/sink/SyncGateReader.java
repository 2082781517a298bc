package dev.milvusmigrate.sink;

import dev.milvusmigrate.kafka.KafkaClients;
import dev.milvusmigrate.schemas.avro.ProgressEvent;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the shared progress topic from its beginning, in no consumer group (each instance needs
 * every event), and folds one job's events into a {@link SyncGate} until it opens. Records it
 * cannot decode are other versions' or other jobs' business: logged and skipped.
 */
final class SyncGateReader {

  private static final Logger log = LoggerFactory.getLogger(SyncGateReader.class);
  private static final Duration POLL = Duration.ofMillis(500);

  private final KafkaClients clients;
  private final String topic;
  private final String jobId;
  private final String clientId;

  SyncGateReader(KafkaClients clients, String topic, String jobId, String clientId) {
    this.clients = clients;
    this.topic = topic;
    this.jobId = jobId;
    this.clientId = clientId;
  }

  /** The opened gate; throws {@link SinkStopped} if stopped first. */
  SyncGate awaitOpen(StopSignal stop) {
    SyncGate gate = new SyncGate();
    try (KafkaConsumer<String, ProgressEvent> consumer = clients.reader(ProgressEvent.class, clientId)) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
          .map(info -> new TopicPartition(topic, info.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      while (!gate.isOpen()) {
        if (stop.isStopped()) {
          throw new SinkStopped();
        }
        poll(consumer, gate);
      }
    }
    return gate;
  }

  private void poll(KafkaConsumer<String, ProgressEvent> consumer, SyncGate gate) {
    try {
      for (ConsumerRecord<String, ProgressEvent> record : consumer.poll(POLL)) {
        if (jobId.equals(record.key()) && record.value() != null) {
          gate.accept(record.value().getPayload());
        }
      }
    } catch (RecordDeserializationException e) {
      log.warn("Skipping a record on {} at offset {} that this sink cannot decode: {}", e.topicPartition(),
          e.offset(), e.getMessage());
      consumer.seek(e.topicPartition(), e.offset() + 1);
    }
  }
}
