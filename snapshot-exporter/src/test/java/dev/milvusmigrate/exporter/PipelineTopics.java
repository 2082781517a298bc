package dev.milvusmigrate.exporter;

import static org.awaitility.Awaitility.await;

import dev.milvusmigrate.core.domain.JobId;
import dev.milvusmigrate.core.domain.TopicNames;
import dev.milvusmigrate.kafka.KafkaClients;
import dev.milvusmigrate.schemas.avro.JobMode;
import dev.milvusmigrate.schemas.avro.JobSpec;
import dev.milvusmigrate.schemas.avro.ProgressEvent;
import dev.milvusmigrate.schemas.avro.SnapshotEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/** The Kafka side of an exporter test: submits jobs and reads committed snapshot and progress events back. */
final class PipelineTopics implements AutoCloseable {

  final KafkaClients clients;
  final TopicNames topics;
  private final String sourceUri;
  private final List<KafkaConsumer<?, ?>> consumers = new ArrayList<>();

  /** @param sourceUri the source the jobs name, the one the exporter under test is configured for */
  PipelineTopics(String bootstrap, String sourceUri) {
    this.clients = new KafkaClients(bootstrap, Map.of());
    this.topics = new TopicNames("exporter-it-" + UUID.randomUUID().toString().substring(0, 8));
    this.sourceUri = sourceUri;
  }

  void submit(JobId job, String database, List<String> collections) throws ExecutionException, InterruptedException {
    submit(job, database, collections, sourceUri);
  }

  void submit(JobId job, String database, List<String> collections, String sourceLabel)
      throws ExecutionException, InterruptedException {
    JobSpec spec = JobSpec.newBuilder().setJobId(job.value()).setMode(JobMode.OFFLINE).setDatabase(database)
        .setCollections(collections).setSourceLabel(sourceLabel).setTargetLabel("http://target:19530")
        .setSubmittedAt(System.currentTimeMillis()).build();
    try (KafkaProducer<String, JobSpec> producer = clients.producer(JobSpec.class, "it-submit")) {
      producer.send(new ProducerRecord<>(topics.jobs(), job.value(), spec)).get();
    }
  }

  /** A reader of the committed events of a topic, from the beginning. */
  <V extends SpecificRecordBase> Reader<V> reader(Class<V> type, String topic) {
    return reader(type, topic, key -> true);
  }

  private <V extends SpecificRecordBase> Reader<V> reader(Class<V> type, String topic, Predicate<String> keys) {
    KafkaConsumer<String, V> consumer = clients.consumer(type, "it-" + UUID.randomUUID(), "it-reader");
    consumers.add(consumer);
    consumer.subscribe(List.of(topic));
    return new Reader<>(consumer, keys);
  }

  Reader<SnapshotEvent> snapshot(JobId job) {
    return reader(SnapshotEvent.class, topics.snapshot(job));
  }

  Reader<ProgressEvent> progress(JobId job) {
    return reader(ProgressEvent.class, topics.progress(), job.value()::equals);
  }

  @Override
  public void close() {
    consumers.forEach(KafkaConsumer::close);
  }

  /** Accumulates the values a consumer sees, in per-partition order. */
  static final class Reader<V> {
    private final KafkaConsumer<String, V> consumer;
    private final Predicate<String> keys;
    final List<V> values = new ArrayList<>();

    private Reader(KafkaConsumer<String, V> consumer, Predicate<String> keys) {
      this.consumer = consumer;
      this.keys = keys;
    }

    /** Polls until the values read so far satisfy {@code done}. */
    List<V> readUntil(Predicate<List<V>> done, Duration atMost) {
      await().atMost(atMost).until(() -> {
        consumer.poll(Duration.ofMillis(200)).forEach(record -> {
          if (keys.test(record.key())) {
            values.add(record.value());
          }
        });
        return done.test(values);
      });
      return values;
    }
  }
}
