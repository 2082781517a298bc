package dev.milvusmigrate.lag;

import dev.milvusmigrate.schemas.JobStates;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.milvusmigrate.core.domain.JobId;
import dev.milvusmigrate.core.domain.TopicNames;
import dev.milvusmigrate.kafka.DeadLetters;
import dev.milvusmigrate.kafka.KafkaClients;
import dev.milvusmigrate.kafka.TopicProvisioner;
import dev.milvusmigrate.schemas.avro.JobMode;
import dev.milvusmigrate.schemas.avro.JobSpec;
import dev.milvusmigrate.schemas.avro.JobState;
import dev.milvusmigrate.schemas.avro.JobStatus;
import dev.milvusmigrate.schemas.avro.ProgressEvent;
import dev.milvusmigrate.schemas.serde.AvroTrust;
import dev.milvusmigrate.schemas.serde.ContractSerde;
import dev.milvusmigrate.schemas.serde.JsonSerde;
import dev.milvusmigrate.testkit.kafka.KafkaBroker;
import dev.milvusmigrate.testkit.kafka.KafkaBrokerExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The Streams application on a real broker, with a progress topic created after it started. */
@ExtendWith(KafkaBrokerExtension.class)
class LagMonitorServiceIT {

  private final TopicNames topics = new TopicNames("lag-monitor-it");

  @Test
  void foldsAJobWhoseProgressTopicAppearsAfterTheStart(KafkaBroker broker, @TempDir Path stateDir) {
    AvroTrust.install();
    for (String topic : List.of(topics.jobs(), topics.control(), topics.status())) {
      broker.createTopic(topic, 1, Map.of());
    }
    LagMonitorConfig config = LagMonitorConfig.of(Map.of(), Map.of(), Map.of("kafka.bootstrap",
        broker.bootstrapServers(), "kafka.topic-prefix", topics.prefix(), "lag.state-dir", stateDir.toString()));

    try (LagMonitorService service = new LagMonitorService(config).start()) {
      String progressTopic = topics.progress();
      broker.createTopic(progressTopic, 1, Map.of());
      try (KafkaProducer<String, JobSpec> specs = producer(broker, JobSpec.class);
          KafkaProducer<String, ProgressEvent> progress = producer(broker, ProgressEvent.class)) {
        specs.send(new ProducerRecord<>(topics.jobs(), "it-job", Facts.spec("it-job", 100)));
        progress.send(new ProducerRecord<>(progressTopic, "it-job", Facts.planned("it-job", 110, 5, "c1")));
        progress.send(new ProducerRecord<>(progressTopic, "it-job", Facts.copied("it-job", 120, "c1", 5, true)));
        progress.send(new ProducerRecord<>(progressTopic, "it-job", Facts.verified("it-job", 130, "c1", 5)));
      }

      JobStatus last = awaitFinalStatus(broker, "it-job");
      assertThat(last.getState()).isEqualTo(JobState.SUCCESSFUL);
      assertThat(last.getRowsCopied()).isEqualTo(5);
      assertThat(last.getStartedAt()).isEqualTo(100);
      assertThat(last.getEndedAt()).isEqualTo(130);
      assertThat(service.isRunning()).isTrue();
    }
  }

  @Test
  void recordsTheProjectDidNotWriteGoToTheDeadLetterTopicAndTheViewCarriesOn(KafkaBroker broker,
      @TempDir Path stateDir) throws Exception {
    TopicNames dlt = new TopicNames("lag-monitor-dlt-it");
    KafkaClients clients = new KafkaClients(broker.bootstrapServers(), Map.of());
    new TopicProvisioner(clients, dlt, (short) 1).ensureSharedTopics();
    LagMonitorConfig config = LagMonitorConfig.of(Map.of(), Map.of(), Map.of("kafka.bootstrap",
        broker.bootstrapServers(), "kafka.topic-prefix", dlt.prefix(), "lag.state-dir", stateDir.toString()));

    try (LagMonitorService service = new LagMonitorService(config).start();
        KafkaProducer<byte[], byte[]> raw = clients.rawProducer("it-raw");
        KafkaProducer<String, JobSpec> specs = producer(broker, JobSpec.class);
        KafkaProducer<String, ProgressEvent> progress = producer(broker, ProgressEvent.class)) {
      // One send at a time: the assertion names offsets, and two producers' records may interleave.
      raw.send(new ProducerRecord<>(dlt.jobs(), "dlt-job".getBytes(), "{\"job\": \"json\"}".getBytes())).get();
      specs.send(new ProducerRecord<>(dlt.jobs(), "dlt-job", Facts.spec("dlt-job", 100))).get();
      progress.send(new ProducerRecord<>(dlt.progress(), "dlt-job", Facts.planned("dlt-job", 110, 5, "c1"))).get();
      raw.send(new ProducerRecord<>(dlt.progress(), "dlt-job".getBytes(), new byte[] {(byte) 0xC3, 0x01, 7})).get();
      progress.send(new ProducerRecord<>(dlt.progress(), "dlt-job", Facts.copied("dlt-job", 120, "c1", 5, true))).get();
      progress.send(new ProducerRecord<>(dlt.progress(), "dlt-job", Facts.verified("dlt-job", 130, "c1", 5))).get();

      assertThat(awaitFinalStatus(broker, dlt, "dlt-job").getState()).isEqualTo(JobState.SUCCESSFUL);
      List<ConsumerRecord<byte[], byte[]>> dead = broker.awaitRecords(dlt.deadLetters(), 2, Duration.ofSeconds(90));
      assertThat(dead).extracting(record -> header(record, DeadLetters.TOPIC_HEADER) + "@"
          + header(record, DeadLetters.OFFSET_HEADER)).containsExactlyInAnyOrder(dlt.jobs() + "@0",
          dlt.progress() + "@1");
      assertThat(service.isRunning()).isTrue();
    }
  }

  @Test
  void deletesTheTopicsOfAJobThatEndedLongerThanTheRetentionAgoAndKeepsItsStatus(KafkaBroker broker,
      @TempDir Path stateDir) throws Exception {
    TopicNames retained = new TopicNames("lag-monitor-retention-it");
    KafkaClients clients = new KafkaClients(broker.bootstrapServers(), Map.of());
    TopicProvisioner provisioner = new TopicProvisioner(clients, retained, (short) 1);
    provisioner.ensureSharedTopics();
    JobId ended = new JobId("ended-job");
    JobId running = new JobId("running-job");
    provisioner.ensureJobTopics(ended, JobMode.OFFLINE, 1, 1);
    provisioner.ensureJobTopics(running, JobMode.OFFLINE, 1, 1);
    LagMonitorConfig config = LagMonitorConfig.of(Map.of(), Map.of(), Map.of("kafka.bootstrap",
        broker.bootstrapServers(), "kafka.topic-prefix", retained.prefix(), "lag.state-dir", stateDir.toString(),
        "lag.ended-job-topics.retention", "1s", "lag.ended-job-topics.check-interval", "1s"));

    try (LagMonitorService service = new LagMonitorService(config).start();
        KafkaProducer<String, JobSpec> specs = producer(broker, JobSpec.class);
        KafkaProducer<String, ProgressEvent> progress = producer(broker, ProgressEvent.class);
        Admin admin = clients.admin()) {
      specs.send(new ProducerRecord<>(retained.jobs(), "running-job", Facts.spec("running-job", 100))).get();
      specs.send(new ProducerRecord<>(retained.jobs(), "ended-job", Facts.spec("ended-job", 100))).get();
      progress.send(new ProducerRecord<>(retained.progress(), "ended-job", Facts.planned("ended-job", 110, 5, "c1")));
      progress.send(new ProducerRecord<>(retained.progress(), "ended-job", Facts.copied("ended-job", 120, "c1", 5, true)));
      progress.send(new ProducerRecord<>(retained.progress(), "ended-job", Facts.verified("ended-job", 130, "c1", 5)));

      assertThat(awaitFinalStatus(broker, retained, "ended-job").getState()).isEqualTo(JobState.SUCCESSFUL);
      await("topics of the ended job deleted").atMost(Duration.ofSeconds(60)).until(() -> admin.listTopics()
          .names().get().stream().noneMatch(t -> t.equals(retained.snapshot(ended))
              || t.equals(retained.exporterCheckpoints(ended))));
      assertThat(admin.listTopics().names().get()).contains(retained.snapshot(running), retained.status());
      assertThat(service.isRunning()).isTrue();
    }
  }

  private static String header(ConsumerRecord<?, ?> record, String name) {
    return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }

  private JobStatus awaitFinalStatus(KafkaBroker broker, String job) {
    return awaitFinalStatus(broker, topics, job);
  }

  private static JobStatus awaitFinalStatus(KafkaBroker broker, TopicNames topics, String job) {
    Map<String, Object> props = new HashMap<>();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, topics.prefix() + "-reader");
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    Map<String, JobStatus> latest = new HashMap<>();
    try (KafkaConsumer<String, JobStatus> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
        JsonSerde.of(JobStatus.class).deserializer())) {
      consumer.subscribe(List.of(topics.status()));
      await().atMost(Duration.ofSeconds(90)).until(() -> {
        consumer.poll(Duration.ofMillis(200)).forEach(r -> latest.put(r.key(), r.value()));
        return latest.containsKey(job) && JobStates.isFinal(latest.get(job).getState());
      });
    }
    return latest.get(job);
  }

  private static <V extends org.apache.avro.specific.SpecificRecordBase> KafkaProducer<String, V> producer(
      KafkaBroker broker, Class<V> type) {
    return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
        new StringSerializer(), ContractSerde.of(type).serializer());
  }
}
