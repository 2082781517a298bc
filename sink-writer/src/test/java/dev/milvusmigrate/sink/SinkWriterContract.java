package dev.milvusmigrate.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.milvusmigrate.core.domain.CollectionName;
import dev.milvusmigrate.core.domain.JobId;
import dev.milvusmigrate.core.domain.MilvusEndpoint;
import dev.milvusmigrate.core.domain.TopicNames;
import dev.milvusmigrate.kafka.KafkaClients;
import dev.milvusmigrate.kafka.TopicProvisioner;
import dev.milvusmigrate.milvus.ColumnarWriter.Mode;
import dev.milvusmigrate.milvus.MilvusConnector;
import dev.milvusmigrate.milvus.MilvusSession;
import dev.milvusmigrate.runtime.ServiceLauncher;
import dev.milvusmigrate.schemas.avro.AutoIdKeys;
import dev.milvusmigrate.schemas.avro.CollectionCopied;
import dev.milvusmigrate.schemas.avro.CollectionSchema;
import dev.milvusmigrate.schemas.avro.EntityBatch;
import dev.milvusmigrate.schemas.avro.FieldSchema;
import dev.milvusmigrate.schemas.avro.JobFailed;
import dev.milvusmigrate.schemas.avro.JobMode;
import dev.milvusmigrate.schemas.avro.JobSpec;
import dev.milvusmigrate.schemas.avro.VerificationReport;
import dev.milvusmigrate.testkit.kafka.KafkaBroker;
import dev.milvusmigrate.testkit.metrics.PrometheusScrape;
import dev.milvusmigrate.testkit.milvus.MilvusServer;
import dev.milvusmigrate.testkit.process.FreePorts;
import dev.milvusmigrate.verification.TestSchemas;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sink end to end on a real Kafka broker and a real Milvus server: the test plays the
 * exporter (and the CLI submitting the job); the source is a Milvus Lite of its own ({@link
 * #sourceServer}: the sink refuses a target that is its source server), the target the server
 * under test. Run on Milvus Lite and on Milvus 2.3.5, which, unlike Lite, counts a re-inserted key
 * twice, so only there do the no-duplicate assertions bite.
 */
@SuppressWarnings("try") // services run while their try block waits on Kafka and Milvus
abstract class SinkWriterContract {

  private static final Duration WAIT = Duration.ofMinutes(3);
  private static final String COLLECTION = "books";
  private static final int ROWS = 57;

  private final String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
  private final String jobId = "job-" + suffix;
  private final String sourceDb = "src_" + suffix;
  private final String targetDb = "tgt_" + suffix;
  private final TopicNames topics = new TopicNames("sink-it-" + suffix);

  private KafkaBroker broker;
  private MilvusServer milvus;
  private KafkaClients clients;
  private MilvusSession source;
  private MilvusSession session;

  /** The source: another server than the target under test, whose schemas the target can hold. */
  abstract MilvusServer sourceServer();

  @BeforeEach
  void setUp(KafkaBroker broker, MilvusServer milvus) throws InterruptedException {
    this.broker = broker;
    this.milvus = milvus;
    this.clients = new KafkaClients(broker.bootstrapServers(), Map.of());
    TopicProvisioner provisioner = new TopicProvisioner(clients, topics, (short) 1);
    provisioner.ensureSharedTopics();
    provisioner.ensureJobTopics(new JobId(jobId), JobMode.OFFLINE, 2, 1);
    this.session = MilvusConnector.connect(MilvusEndpoint.of(milvus.uri()));
    String sourceUri = sourceServer().uri();
    this.source = MilvusConnector.connect(MilvusEndpoint.of(sourceUri));
    try (SourceCollections collections = new SourceCollections(sourceUri)) {
      collections.create(sourceDb, COLLECTION, ROWS);
    }
    source.catalog().load(new CollectionName(sourceDb, COLLECTION));
  }

  @AfterEach
  void tearDown() {
    session.close();
    source.close();
  }

  @Test
  void appliesSchemaBatchesAndEndMarkerSoTheTargetEqualsTheSource() {
    List<EntityBatch> batches = SnapshotFeeder.batches(source, sourceDb, COLLECTION, 10);
    try (SinkWriterService service = new SinkWriterService(config()).start();
        SnapshotFeeder feeder = feeder();
        ProgressLog progress = progressLog()) {
      feedWholeCollection(feeder, batches);

      VerificationReport report = awaitReport(progress);
      assertThat(report.getPassed()).as(report.toString()).isTrue();
      assertThat(report.getSchemaDifferences()).isEmpty();
      assertThat(report.getTargetDatabase()).isEqualTo(targetDb);
      assertThat(report.getSourceCount()).isEqualTo(ROWS);
      assertThat(report.getTargetCount()).isEqualTo(ROWS);
      assertThat(report.getTargetDistinctKeys()).isEqualTo(ROWS);
      assertThat(report.getSampled()).isEqualTo(ROWS);
      assertThat(report.getMismatched()).isZero();
      assertThat(report.getComparedInFull()).isFalse();
      assertThat(report.getDetectionProbability()).as("a collection this small is sampled whole").isEqualTo(1.0);
      List<CollectionCopied> copied = progress.poll(CollectionCopied.class);
      assertThat(copied).last().satisfies(last -> {
        assertThat(last.getRowsCopied()).isEqualTo(ROWS);
        assertThat(last.getSnapshotComplete()).isTrue();
      });
      assertThat(copied).hasSize(batches.size() + 1);
      assertThat(session.catalog().isLoaded(new CollectionName(targetDb,
          COLLECTION))).as("load_at_end is false").isFalse();
      assertThat(session.catalog().describeCollection(new CollectionName(targetDb,
          COLLECTION)).orElseThrow().getPartitions())
          .containsExactlyInAnyOrder("_default", SourceCollections.PARTITION);
    }
  }

  @Test
  void withFullVerificationTheJobComparesEveryEntityByDigest() {
    List<EntityBatch> batches = SnapshotFeeder.batches(source, sourceDb, COLLECTION, 10);
    SinkConfig config = SinkTestConfig.of(broker.bootstrapServers(), topics, sourceServer().uri(), milvus.uri(),
        Map.of("sink.verify.full", "true"));
    try (SinkWriterService service = new SinkWriterService(config).start();
        SnapshotFeeder feeder = feeder();
        ProgressLog progress = progressLog()) {
      feedWholeCollection(feeder, batches);

      VerificationReport report = awaitReport(progress);
      assertThat(report.getPassed()).as(report.toString()).isTrue();
      assertThat(report.getComparedInFull()).isTrue();
      assertThat(report.getSampled()).isEqualTo(ROWS);
      assertThat(report.getMismatched()).isZero();
      assertThat(report.getDetectionProbability()).isEqualTo(1.0);
    }
  }

  @Test
  void servesPrometheusMetricsThatCountTheRowsAppliedAndTheVerification() throws Exception {
    List<EntityBatch> batches = SnapshotFeeder.batches(source, sourceDb, COLLECTION, 10);
    SinkConfig config = SinkTestConfig.of(broker.bootstrapServers(), topics, sourceServer().uri(), milvus.uri(),
        Map.of("metrics.port", Integer.toString(FreePorts.allocate())));
    try (ServiceLauncher.Running service = ServiceLauncher.launch("sink-writer", config,
        (settings, registry) -> new SinkWriterService(settings, registry).start());
        SnapshotFeeder feeder = feeder();
        ProgressLog progress = progressLog()) {
      feedWholeCollection(feeder, batches);
      VerificationReport report = awaitReport(progress);
      assertThat(report.getTargetDistinctKeys()).isEqualTo(ROWS);

      PrometheusScrape scrape = await("verification counted").atMost(WAIT)
          .until(() -> PrometheusScrape.of(service.metricsPort()),
              s -> s.has("milvus_migrate_sink_verifications_total", "job_id", jobId));
      assertThat(scrape.contentType()).startsWith("text/plain");
      assertThat(scrape.sum("milvus_migrate_sink_rows_applied_total", "job_id", jobId, "collection",
          sourceDb + "." + COLLECTION, "stream", "snapshot", "op", "write")).isEqualTo(ROWS);
      assertThat(scrape.sum("milvus_migrate_sink_batches_total", "job_id", jobId, "stream", "snapshot"))
          .isEqualTo(batches.size());
      assertThat(scrape.sum("milvus_migrate_sink_bytes_total", "job_id", jobId, "stream", "snapshot"))
          .isGreaterThan(batches.size());
      assertThat(scrape.sum("milvus_migrate_sink_verifications_total", "job_id", jobId, "result", "passed"))
          .isEqualTo(1);
      assertThat(scrape.sum("milvus_migrate_sink_errors_total")).isZero();
      assertThat(scrape.has("jvm_memory_used_bytes", "service", "sink-writer")).isTrue();
    }
  }

  @Test
  void aBatchWrittenBeforeACrashIsNotDuplicatedWhenReplayed() throws Exception {
    List<EntityBatch> batches = SnapshotFeeder.batches(source, sourceDb, COLLECTION, 10);
    try (SnapshotFeeder feeder = feeder(); ProgressLog progress = progressLog()) {
      submitJob();
      feeder.schema(sourceSchema());
      try (SinkWriterService service = new SinkWriterService(config()).start()) {
        await("schema applied and committed").atMost(WAIT).until(() -> Long.valueOf(1L).equals(committedOffset()));
      }
      // The crash: the first batch reached the target but its offset was never committed.
      EntityBatch first = batches.get(0);
      session.writer().write(Mode.INSERT, new CollectionName(targetDb, COLLECTION), first.getPartition(),
          first.getColumns(),
          first.getRowCount());
      feeder.batches(batches);
      feeder.end(sourceDb, COLLECTION, ROWS);

      try (SinkWriterService restarted = new SinkWriterService(config()).start()) {
        VerificationReport report = awaitReport(progress);
        assertThat(report.getPassed()).as(report.toString()).isTrue();
        assertThat(report.getTargetDistinctKeys()).isEqualTo(ROWS);
        assertThat(report.getTargetCount()).as("count(*) equals distinct keys: nothing duplicated")
            .isEqualTo(ROWS);
      }
    }
  }

  /**
   * With regenerated keys nothing tells a second copy of a batch from the first: the batch a
   * restarted sink cannot know unwritten fails the collection, and nothing is written twice.
   */
  @Test
  void aRestartMidCopyWithRegeneratedKeysFailsTheCollectionInsteadOfWritingABatchTwice() throws Exception {
    List<EntityBatch> batches = SnapshotFeeder.batches(source, sourceDb, COLLECTION, 10);
    CollectionSchema autoId = TestSchemas.withField(sourceSchema(), "id", f -> f.setAutoId(true));
    try (SnapshotFeeder feeder = feeder(); ProgressLog progress = progressLog()) {
      submitJob(AutoIdKeys.REGENERATE);
      feeder.schema(autoId);
      try (SinkWriterService service = new SinkWriterService(config()).start()) {
        await("schema applied and committed").atMost(WAIT).until(() -> Long.valueOf(1L).equals(committedOffset()));
      }
      CollectionName target = new CollectionName(targetDb, COLLECTION);
      assertThat(session.catalog().describeCollection(target).orElseThrow().getFields())
          .filteredOn(FieldSchema::getIsPrimaryKey).singleElement()
          .satisfies(id -> assertThat(id.getAutoId()).as("auto_id on the target").isTrue());
      feeder.batches(batches);
      feeder.end(sourceDb, COLLECTION, ROWS);

      try (SinkWriterService restarted = new SinkWriterService(config()).start()) {
        JobFailed failed = await("JobFailed").atMost(WAIT)
            .until(() -> progress.poll(JobFailed.class), l -> !l.isEmpty()).get(0);
        assertThat(failed.getReason()).isEqualTo("Batch 0 of " + sourceDb + ".books may already be on the target"
            + " (the sink restarted, or a write's outcome is unknown, or the collection existed before), and with"
            + " --auto-id regenerate nothing tells a second copy from the first: drop " + targetDb + ".books on the"
            + " target and run the job again.");
        await("sink stopped").atMost(WAIT).until(() -> !restarted.isSinking(jobId));
      }
      session.catalog().load(target);
      assertThat(session.catalog().countRows(target)).as("nothing written").isZero();
    }
  }

  @Test
  void aNewJobIntoAnExistingIdenticalCollectionDuplicatesNothing() {
    List<EntityBatch> batches = SnapshotFeeder.batches(source, sourceDb, COLLECTION, 10);
    session.catalog().createDatabase(targetDb);
    session.catalog().createCollection(targetDb, CollectionSchema.newBuilder(sourceSchema()).setDatabase(targetDb)
        .build());
    EntityBatch alreadyThere = batches.get(1);
    session.writer().write(Mode.INSERT, new CollectionName(targetDb, COLLECTION), alreadyThere.getPartition(),
        alreadyThere.getColumns(),
        alreadyThere.getRowCount());
    try (SinkWriterService service = new SinkWriterService(config()).start();
        SnapshotFeeder feeder = feeder();
        ProgressLog progress = progressLog()) {
      feedWholeCollection(feeder, batches);

      VerificationReport report = awaitReport(progress);
      assertThat(report.getPassed()).as(report.toString()).isTrue();
      assertThat(report.getTargetCount()).as("count(*) equals distinct keys: nothing duplicated").isEqualTo(ROWS);
    }
  }

  @Test
  void anExistingTargetCollectionWithAnotherSchemaFailsTheJobAndNothingIsWritten() throws Exception {
    CollectionSchema sourceSchema = sourceSchema();
    CollectionSchema different = TestSchemas.withField(CollectionSchema.newBuilder(sourceSchema).setDatabase(targetDb)
        .build(), "title", f -> f.setMaxLength(32));
    session.catalog().createDatabase(targetDb);
    session.catalog().createCollection(targetDb, different);
    try (SinkWriterService service = new SinkWriterService(config()).start();
        SnapshotFeeder feeder = feeder();
        ProgressLog progress = progressLog()) {
      submitJob();
      feeder.schema(sourceSchema);
      feeder.batches(SnapshotFeeder.batches(source, sourceDb, COLLECTION, 100));

      JobFailed failed = await("JobFailed").atMost(WAIT).until(() -> progress.poll(JobFailed.class), l -> !l.isEmpty())
          .get(0);
      assertThat(failed.getComponent()).isEqualTo("sink-writer");
      assertThat(failed.getReason()).isEqualTo("Target collection " + targetDb + ".books exists with a different"
          + " schema: Field 'title': max_length is 64 on the source but 32 on the target; drop it or choose another"
          + " --target-database.");
      await("sink stopped").atMost(WAIT).until(() -> !service.isSinking(jobId));
      assertThat(progress.poll(CollectionCopied.class)).isEmpty();
    }
    assertThat(committedOffset()).as("the schema record stays uncommitted").isNull();
    assertThat(session.catalog().describeCollection(new CollectionName(targetDb, COLLECTION)).orElseThrow().getFields())
        .filteredOn(f -> f.getName().equals("title")).singleElement()
        .satisfies(title -> assertThat(title.getMaxLength()).as("left as it was").isEqualTo(32));
  }

  private SinkConfig config() {
    return SinkTestConfig.of(broker.bootstrapServers(), topics, sourceServer().uri(), milvus.uri());
  }

  /** Submits the job and publishes the collection as the exporter would: schema, batches, end. */
  private void feedWholeCollection(SnapshotFeeder feeder, List<EntityBatch> batches) {
    submitJob();
    feeder.schema(sourceSchema());
    feeder.batches(batches);
    feeder.end(sourceDb, COLLECTION, ROWS);
  }

  private void submitJob() {
    submitJob(AutoIdKeys.KEEP);
  }

  private void submitJob(AutoIdKeys keys) {
    JobSpec spec = JobSpec.newBuilder().setJobId(jobId).setMode(JobMode.OFFLINE).setDatabase(sourceDb)
        .setAutoIdKeys(keys)
        .setTargetDatabase(targetDb).setSourceLabel(sourceServer().uri())
        .setTargetLabel(milvus.uri())
        .setSubmittedAt(System.currentTimeMillis()).build();
    try (KafkaProducer<String, JobSpec> producer = clients.producer(JobSpec.class, "it-cli")) {
      producer.send(new ProducerRecord<>(topics.jobs(), jobId, spec));
    }
  }

  private CollectionSchema sourceSchema() {
    return source.catalog().describeCollection(new CollectionName(sourceDb, COLLECTION)).orElseThrow();
  }

  private SnapshotFeeder feeder() {
    return new SnapshotFeeder(clients, topics.snapshot(new JobId(jobId)), jobId);
  }

  private ProgressLog progressLog() {
    return new ProgressLog(clients, topics.progress());
  }

  private static VerificationReport awaitReport(ProgressLog progress) {
    return await("verification report").atMost(WAIT)
        .until(() -> progress.poll(VerificationReport.class), reports -> !reports.isEmpty()).get(0);
  }

  /** Committed offset of the sink group on the snapshot partition holding the collection, or null. */
  private Long committedOffset() throws Exception {
    String group = topics.prefix() + "-sink-" + jobId;
    try (Admin admin = clients.admin()) {
      Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
          .partitionsToOffsetAndMetadata().get();
      return offsets.values().stream().filter(o -> o != null).map(OffsetAndMetadata::offset)
          .reduce(Long::sum).orElse(null);
    }
  }
}
