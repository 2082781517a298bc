package dev.milvusmigrate.e2e;

import static dev.milvusmigrate.e2e.Rows.intKey;
import static dev.milvusmigrate.e2e.Rows.varchar;
import static dev.milvusmigrate.e2e.Rows.vector;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.gson.JsonObject;
import dev.milvusmigrate.capture.CaptureConfig;
import dev.milvusmigrate.capture.CdcCaptureService;
import dev.milvusmigrate.core.domain.JobId;
import dev.milvusmigrate.core.domain.TopicNames;
import dev.milvusmigrate.exporter.ExporterConfig;
import dev.milvusmigrate.exporter.SnapshotExporterService;
import dev.milvusmigrate.kafka.KafkaClients;
import dev.milvusmigrate.kafka.TopicProvisioner;
import dev.milvusmigrate.lag.LagMonitorConfig;
import dev.milvusmigrate.lag.LagMonitorService;
import dev.milvusmigrate.schemas.avro.CommandType;
import dev.milvusmigrate.schemas.avro.ControlCommand;
import dev.milvusmigrate.schemas.avro.IndexPolicy;
import dev.milvusmigrate.schemas.avro.JobMode;
import dev.milvusmigrate.schemas.avro.JobSpec;
import dev.milvusmigrate.schemas.avro.JobStage;
import dev.milvusmigrate.schemas.avro.JobState;
import dev.milvusmigrate.schemas.avro.JobStatus;
import dev.milvusmigrate.schemas.serde.AvroTrust;
import dev.milvusmigrate.sink.SinkConfig;
import dev.milvusmigrate.sink.SinkWriterService;
import dev.milvusmigrate.testkit.kafka.KafkaBroker;
import dev.milvusmigrate.testkit.milvus.MilvusStandaloneExtension;
import dev.milvusmigrate.testkit.milvus.MilvusStandaloneServer;
import dev.milvusmigrate.testkit.milvus.PythonMilvusEnvironment;
import dev.milvusmigrate.testkit.milvus.StandaloneOptions;
import io.milvus.v2.common.DataType;
import io.milvus.v2.service.collection.request.CreateCollectionReq;
import io.milvus.v2.service.collection.request.RenameCollectionReq;
import io.milvus.v2.service.vector.request.DeleteReq;
import io.milvus.v2.service.vector.request.UpsertReq;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Zero-downtime migration against real servers: a Milvus 2.3.5 source whose log is on Kafka, a
 * Milvus 2.3.5 target (its {@code count(*)} counts a key written twice, so a duplicate cannot
 * hide). Applications keep inserting, upserting the same keys again and again and deleting what
 * they wrote moments before, during the snapshot and during the sync; a collection is created
 * mid-sync; capture and sink are stopped and replaced mid-sync. Once the writers stopped, stop-sync
 * drains everything to the fence and the job ends SUCCESSFUL; the target then equals the source
 * entity by entity, read back through the SDK on both sides.
 */
@Timeout(value = 8, unit = TimeUnit.MINUTES)
@ExtendWith(MilvusStandaloneExtension.class)
class ZeroDowntimeMigrationIT {

  private static final int MUTATION_PARTITIONS = 3;
  private static final int DIM = 8;
  private static MilvusStandaloneServer source;

  @TempDir
  Path lagState;

  @BeforeAll
  static void startSource() {
    source = MilvusStandaloneServer.start(PythonMilvusEnvironment.shared(),
        StandaloneOptions.onKafka(KafkaBroker.shared().bootstrapServers()).withClusterPrefix(Names.unique("zdm")));
  }

  @AfterAll
  static void stopSource() {
    if (source != null) {
      source.close();
    }
  }

  @Test
  void targetEqualsSourceAfterLiveWritesAndRestartsOfCaptureAndSink(MilvusStandaloneServer target) throws Exception {
    AvroTrust.install();
    String database = Names.unique("zdm");
    JobId job = new JobId(database);
    TopicNames topics = new TopicNames("e2e-" + database);
    String bootstrap = KafkaBroker.shared().bootstrapServers();
    try (MilvusData data = new MilvusData(source.uri()).database(database)) {
      data.create("items", schema());
      data.insert("items", MilvusData.rows(600, i -> row((long) i + 1, 0)));
      data.create("labels", labelsSchema());
      data.insert("labels", MilvusData.rows(50, i -> label("label-" + i, 0)));
    }
    KafkaClients clients = new KafkaClients(bootstrap, Map.of());
    TopicProvisioner provisioner = new TopicProvisioner(clients, topics, (short) 1);
    provisioner.ensureSharedTopics();

    try (Pipeline pipeline = new Pipeline(bootstrap, topics, target.uri());
        LagMonitorService lag = new LagMonitorService(LagMonitorConfig.of(Map.of(), Map.of(), Map.of(
            "kafka.bootstrap", bootstrap, "kafka.topic-prefix", topics.prefix(), "lag.state-dir",
            lagState.toString()))).start();
        TopicRecords<JobStatus> statuses = new TopicRecords<>(bootstrap, topics.status(), JobStatus.class);
        MilvusData writes = new MilvusData(source.uri()).use(database);
        LiveWriter items = new LiveWriter(writes.client(), "items", 10_000, 42, ZeroDowntimeMigrationIT::row)) {
      pipeline.startAll();
      items.start();
      submit(clients, topics, job);
      AtomicReference<JobStatus> latest = new AtomicReference<>();

      JobStatus syncing = await("job " + job + " syncing").atMost(Duration.ofMinutes(3))
          .until(() -> newest(statuses, job, latest), s -> s != null && (s.getStage() == JobStage.SYNCING
              || s.getState() != JobState.IN_PROGRESS));
      assertThat(syncing.getState()).as("%s %s", syncing.getReason(), syncing.getErrorDetails())
          .isEqualTo(JobState.IN_PROGRESS);
      int atSync = items.operations();
      assertThat(atSync).as("writes made during the snapshot").isPositive();

      writes.create("late", schema());
      try (LiveWriter late = new LiveWriter(writes.client(), "late", 1, 7, ZeroDowntimeMigrationIT::row).start()) {
        awaitOperations(items, atSync + 60);
        pipeline.stopCaptureAndSink();
        int whileDown = items.operations();
        awaitOperations(items, whileDown + 60);
        pipeline.startCaptureAndSink();
        rewriteLabels(writes);
        awaitOperations(items, items.operations() + 100);
        awaitOperations(late, 100);
      }
      items.close();

      stopSync(clients, topics, job);
      JobStatus end = await("job " + job + " ended after stop-sync").atMost(Duration.ofMinutes(2))
          .until(() -> newest(statuses, job, latest), s -> s.getState() != JobState.IN_PROGRESS);
      assertThat(end.getState()).as("%s %s", end.getReason(), end.getErrorDetails()).isEqualTo(JobState.SUCCESSFUL);
      assertThat(end.getCollections()).extracting(c -> c.getCollection())
          .contains("items", "labels", "late");
    }

    try (MilvusData from = new MilvusData(source.uri()).use(database);
        MilvusData to = new MilvusData(target.uri()).use(database)) {
      assertThat(to.collections()).containsExactlyInAnyOrder("items", "labels", "late");
      for (String collection : List.of("items", "labels", "late")) {
        from.load(collection);
        to.load(collection);
        new MigratedCollection(from, to, collection).hasSameSchema().hasSameEntities(from.count(collection));
      }
    }
  }

  @Test
  void aCollectionRenamedOnTheSourceDuringTheSyncFailsTheJobNamingTheOperation(MilvusStandaloneServer target)
      throws Exception {
    AvroTrust.install();
    String database = Names.unique("ddl");
    JobId job = new JobId(database);
    TopicNames topics = new TopicNames("e2e-" + database);
    String bootstrap = KafkaBroker.shared().bootstrapServers();
    try (MilvusData data = new MilvusData(source.uri()).database(database)) {
      data.create("watched", schema());
      data.insert("watched", MilvusData.rows(20, i -> row((long) i + 1, 0)));
    }
    KafkaClients clients = new KafkaClients(bootstrap, Map.of());
    new TopicProvisioner(clients, topics, (short) 1).ensureSharedTopics();
    try (Pipeline pipeline = new Pipeline(bootstrap, topics, target.uri());
        LagMonitorService lag = new LagMonitorService(LagMonitorConfig.of(Map.of(), Map.of(), Map.of(
            "kafka.bootstrap", bootstrap, "kafka.topic-prefix", topics.prefix(), "lag.state-dir",
            lagState.toString()))).start();
        TopicRecords<JobStatus> statuses = new TopicRecords<>(bootstrap, topics.status(), JobStatus.class);
        MilvusData writes = new MilvusData(source.uri()).use(database)) {
      pipeline.startAll();
      submit(clients, topics, job);
      AtomicReference<JobStatus> latest = new AtomicReference<>();
      await("job " + job + " syncing").atMost(Duration.ofMinutes(3))
          .until(() -> newest(statuses, job, latest), s -> s != null && s.getStage() == JobStage.SYNCING);

      writes.client().renameCollection(RenameCollectionReq.builder().collectionName("watched")
          .newCollectionName("renamed").build());

      JobStatus failed = await("job " + job + " failed").atMost(Duration.ofMinutes(1))
          .until(() -> newest(statuses, job, latest), s -> s.getState() != JobState.IN_PROGRESS);
      assertThat(failed.getState()).isEqualTo(JobState.FAILED);
      assertThat(failed.getReason()).contains("RenameCollection").contains(database + ".watched");
    }
  }

  private static void rewriteLabels(MilvusData writes) {
    writes.client().upsert(UpsertReq.builder().collectionName("labels")
        .data(List.of(label("label-1", 1), label("label-2", 1), label("label-new", 1))).build());
    writes.client().delete(DeleteReq.builder().collectionName("labels").ids(List.of("label-3", "label-new")).build());
    writes.client().upsert(UpsertReq.builder().collectionName("labels").data(List.of(label("label-1", 2))).build());
  }

  /** The applications stopped writing: STOP_SYNC with the confirmation. */
  private static void stopSync(KafkaClients clients, TopicNames topics, JobId job) throws Exception {
    ControlCommand command = ControlCommand.newBuilder().setCommandId("stop-" + job).setJobId(job.value())
        .setType(CommandType.STOP_SYNC).setWritesStoppedConfirmed(true).setRequestedBy("e2e")
        .setIssuedAt(System.currentTimeMillis()).build();
    try (KafkaProducer<String, ControlCommand> producer = clients.producer(ControlCommand.class, "e2e-control")) {
      producer.send(new ProducerRecord<>(topics.control(), job.value(), command)).get();
    }
  }

  private static void awaitOperations(LiveWriter writer, int operations) {
    await("writer past " + operations + " operations").atMost(Duration.ofMinutes(2))
        .until(writer::operations, done -> done >= operations);
  }

  private static JobStatus newest(TopicRecords<JobStatus> statuses, JobId job, AtomicReference<JobStatus> latest) {
    statuses.poll().stream().filter(s -> s.getJobId().equals(job.value())).forEach(latest::set);
    return latest.get();
  }

  private static void submit(KafkaClients clients, TopicNames topics, JobId job) throws Exception {
    JobSpec spec = JobSpec.newBuilder().setJobId(job.value()).setMode(JobMode.ZERO_DOWNTIME).setDatabase(null)
        .setCollections(List.of()).setIndexPolicy(IndexPolicy.AUTOINDEX).setSourceLabel(source.uri())
        .setTargetLabel("target").setSubmittedAt(System.currentTimeMillis()).build();
    try (KafkaProducer<String, JobSpec> producer = clients.producer(JobSpec.class, "e2e-submit")) {
      producer.send(new ProducerRecord<>(topics.jobs(), job.value(), spec)).get();
    }
  }

  private static CreateCollectionReq.CollectionSchema schema() {
    return SourceDatabase.schema(false, intKey("id"), varchar("title", 64), vector("embedding", DIM));
  }

  private static CreateCollectionReq.CollectionSchema labelsSchema() {
    return SourceDatabase.schema(false, Rows.field("name", DataType.VarChar).isPrimaryKey(true)
        .maxLength(32).build(), varchar("title", 64), vector("embedding", DIM));
  }

  private static JsonObject row(Long key, Integer version) {
    JsonObject row = new JsonObject();
    row.addProperty("id", key);
    row.addProperty("title", "key " + key + " version " + version);
    row.add("embedding", Rows.vector((int) (key * 13 + version), DIM));
    return row;
  }

  private static JsonObject label(String name, int version) {
    JsonObject row = new JsonObject();
    row.addProperty("name", name);
    row.addProperty("title", name + " version " + version);
    row.add("embedding", Rows.vector(name.hashCode() + version, DIM));
    return row;
  }

  /** cdc-capture, snapshot-exporter and sink-writer; capture and sink can be replaced by new instances. */
  private static final class Pipeline implements AutoCloseable {
    private final Map<String, String> kafka;
    private final String target;
    private SnapshotExporterService exporter;
    private CdcCaptureService capture;
    private SinkWriterService sink;

    Pipeline(String bootstrap, TopicNames topics, String target) {
      this.kafka = Map.of("kafka.bootstrap", bootstrap, "kafka.topic-prefix", topics.prefix(),
          "kafka.replication-factor", "1", "kafka.snapshot-partitions", "2",
          "kafka.mutation-partitions", Integer.toString(MUTATION_PARTITIONS));
      this.target = target;
    }

    void startAll() {
      Map<String, String> settings = with(Map.of("source.uri", source.uri(), "exporter.batch.bytes", "16384",
          "exporter.page.rows", "50", "exporter.max-bytes-per-second", "60000"));
      exporter = new SnapshotExporterService(ExporterConfig.of(Map.of(), Map.of(), settings)).start();
      startCaptureAndSink();
    }

    void startCaptureAndSink() {
      capture = new CdcCaptureService(CaptureConfig.of(Map.of(), Map.of(), with(Map.of("source.uri", source.uri(),
          "capture.wal.prefix", source.clusterPrefix(), "capture.heartbeat.interval", "200ms",
          "capture.channel.refresh", "1s", "capture.ddl.interval", "1s")))).start();
      sink = new SinkWriterService(SinkConfig.of(Map.of(), Map.of(), with(Map.of("source.uri", source.uri(),
          "target.uri", target)))).start();
    }

    void stopCaptureAndSink() {
      capture.close();
      sink.close();
    }

    private Map<String, String> with(Map<String, String> more) {
      Map<String, String> all = new HashMap<>(kafka);
      all.putAll(more);
      return all;
    }

    @Override
    public void close() {
      if (sink != null) {
        sink.close();
      }
      if (capture != null) {
        capture.close();
      }
      if (exporter != null) {
        exporter.close();
      }
    }
  }
}
