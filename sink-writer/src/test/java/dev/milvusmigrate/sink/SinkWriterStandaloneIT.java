package dev.milvusmigrate.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.milvusmigrate.core.domain.TopicNames;
import dev.milvusmigrate.kafka.KafkaClients;
import dev.milvusmigrate.kafka.TopicProvisioner;
import dev.milvusmigrate.schemas.avro.JobFailed;
import dev.milvusmigrate.schemas.avro.JobMode;
import dev.milvusmigrate.schemas.avro.JobSpec;
import dev.milvusmigrate.testkit.JvmWideServer;
import dev.milvusmigrate.testkit.kafka.KafkaBroker;
import dev.milvusmigrate.testkit.kafka.KafkaBrokerExtension;
import dev.milvusmigrate.testkit.milvus.MilvusStandaloneExtension;
import dev.milvusmigrate.testkit.milvus.MilvusServer;
import dev.milvusmigrate.testkit.milvus.MilvusStandaloneServer;
import dev.milvusmigrate.testkit.milvus.PythonMilvusEnvironment;
import dev.milvusmigrate.testkit.milvus.StandaloneOptions;
import io.milvus.v2.client.ConnectConfig;
import io.milvus.v2.client.MilvusClientV2;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * On Milvus 2.3.5 a duplicated key shows in count(*): the replay tests here would catch one. The
 * source is a second 2.3.5 (on RocksMQ): 2.3.5 refused the contract's collection as Milvus Lite
 * describes it ("type param(max_length) should be specified for varChar field").
 */
@ExtendWith({KafkaBrokerExtension.class, MilvusStandaloneExtension.class})
class SinkWriterStandaloneIT extends SinkWriterContract {

  private static final JvmWideServer<MilvusStandaloneServer> SOURCE = new JvmWideServer<>("sink-source-standalone",
      () -> MilvusStandaloneServer.start(PythonMilvusEnvironment.shared(), StandaloneOptions.onRocksMq()));

  @Override
  MilvusServer sourceServer() {
    return SOURCE.get();
  }

  /** 127.0.0.2 reaches the same server (it listens on every address) under an address that is not the source's. */
  @Test
  void aTargetThatIsTheSourceUnderAnotherAddressIsRefusedByItsCollectionIds(KafkaBroker broker,
      MilvusStandaloneServer milvus) throws Exception {
    String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    String database = "alias_" + suffix;
    String alias = "http://127.0.0.2:" + milvus.port();
    try (SourceCollections collections = new SourceCollections(milvus.uri())) {
      collections.create(database, "books", 3);
    }
    TopicNames topics = new TopicNames("sink-alias-it-" + suffix);
    KafkaClients clients = new KafkaClients(broker.bootstrapServers(), Map.of());
    new TopicProvisioner(clients, topics, (short) 1).ensureSharedTopics();
    SinkConfig config = SinkConfig.of(Map.of(), Map.of(), Map.of("kafka.bootstrap", broker.bootstrapServers(),
        "kafka.topic-prefix", topics.prefix(), "source.uri", milvus.uri(), "target.uri", alias));
    JobSpec spec = JobSpec.newBuilder().setJobId("job-" + suffix).setMode(JobMode.OFFLINE).setDatabase(database)
        .setTargetDatabase("copy_" + suffix).setSourceLabel(milvus.uri()).setTargetLabel(alias)
        .setSubmittedAt(System.currentTimeMillis()).build();

    try (SinkWriterService service = new SinkWriterService(config).start();
        ProgressLog progress = new ProgressLog(clients, topics.progress());
        KafkaProducer<String, JobSpec> producer = clients.producer(JobSpec.class, "it-cli")) {
      producer.send(new ProducerRecord<>(topics.jobs(), spec.getJobId(), spec)).get();

      JobFailed failed = await("JobFailed").atMost(Duration.ofMinutes(2))
          .until(() -> progress.poll(JobFailed.class), list -> !list.isEmpty()).get(0);
      assertThat(failed.getReason()).startsWith("The target " + alias + " is the source server " + milvus.uri()
          + " (both hold the collection with id " + database + "/");
      assertThat(service.isSinking(spec.getJobId())).isFalse();
    }
    MilvusClientV2 client = new MilvusClientV2(ConnectConfig.builder().uri(milvus.uri()).build());
    try {
      assertThat(client.listDatabases().getDatabaseNames()).doesNotContain("copy_" + suffix);
    } finally {
      client.close();
    }
  }
}
