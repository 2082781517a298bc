package dev.milvusmigrate.kafka;

import dev.milvusmigrate.schemas.avro.JobStatus;
import dev.milvusmigrate.schemas.avro.LagReport;
import dev.milvusmigrate.schemas.avro.Notification;
import dev.milvusmigrate.schemas.serde.JsonSerde;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * New lag reports, job statuses and notifications, read from where the three topics ended when
 * the feed was opened: nothing published after {@link #open} is missed, however late
 * {@link #follow} starts.
 */
public final class LagFeed implements AutoCloseable {

  private final Map<String, Deserializer<? extends SpecificRecordBase>> decoders;
  private final KafkaConsumer<String, byte[]> consumer;

  private LagFeed(Map<String, Deserializer<? extends SpecificRecordBase>> decoders,
      KafkaConsumer<String, byte[]> consumer) {
    this.decoders = decoders;
    this.consumer = consumer;
  }

  public static LagFeed open(JobTopics topics) {
    Map<String, Deserializer<? extends SpecificRecordBase>> decoders = Map.of(
        topics.names().lag(), JsonSerde.of(LagReport.class).deserializer(),
        topics.names().status(), JsonSerde.of(JobStatus.class).deserializer(),
        topics.names().notifications(), JsonSerde.of(Notification.class).deserializer());
    KafkaConsumer<String, byte[]> consumer = TopicReader.bytesConsumer(topics.clients());
    try {
      List<TopicPartition> partitions = decoders.keySet().stream().flatMap(topic -> consumer.partitionsFor(topic,
          TopicReader.KAFKA_TIMEOUT).stream().map(p -> new TopicPartition(topic, p.partition()))).toList();
      consumer.assign(partitions);
      consumer.seekToEnd(partitions);
      partitions.forEach(partition -> consumer.position(partition, TopicReader.KAFKA_TIMEOUT));
      return new LagFeed(decoders, consumer);
    } catch (RuntimeException e) {
      consumer.close();
      throw e;
    }
  }

  /** Hands every new {@link LagReport}, {@link JobStatus} and {@link Notification} of the wanted jobs to {@code onRecord} until {@code done}. */
  public void follow(Predicate<String> wantedJob, Consumer<SpecificRecordBase> onRecord, BooleanSupplier done) {
    while (!done.getAsBoolean()) {
      for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
        if (record.value() != null && wantedJob.test(record.key())) {
          decode(record).ifPresent(onRecord);
        }
      }
    }
  }

  /** A record milvus-migrate did not write is skipped: its owner copies it to the dead-letter topic. */
  private Optional<SpecificRecordBase> decode(ConsumerRecord<String, byte[]> record) {
    try {
      return Optional.of(decoders.get(record.topic()).deserialize(record.topic(), record.value()));
    } catch (SerializationException e) {
      return Optional.empty();
    }
  }

  @Override
  public void close() {
    consumer.close();
  }
}
