package dev.milvusmigrate.sink;

import static dev.milvusmigrate.sink.ZdmCollections.AUTHORS;
import static dev.milvusmigrate.sink.ZdmCollections.BOOKS;
import static dev.milvusmigrate.sink.ZdmCollections.P1;
import static dev.milvusmigrate.sink.ZdmCollections.author;
import static dev.milvusmigrate.sink.ZdmCollections.authorKey;
import static dev.milvusmigrate.sink.ZdmCollections.book;
import static dev.milvusmigrate.sink.ZdmCollections.bookKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.milvusmigrate.core.domain.CollectionName;
import dev.milvusmigrate.core.domain.HybridTimestamp;
import dev.milvusmigrate.core.domain.JobId;
import dev.milvusmigrate.core.domain.MilvusEndpoint;
import dev.milvusmigrate.core.domain.TopicNames;
import dev.milvusmigrate.kafka.DeadLetters;
import dev.milvusmigrate.kafka.KafkaClients;
import dev.milvusmigrate.kafka.TopicProvisioner;
import dev.milvusmigrate.milvus.ColumnarWriter.Mode;
import dev.milvusmigrate.milvus.MilvusConnector;
import dev.milvusmigrate.milvus.MilvusSession;
import dev.milvusmigrate.schemas.avro.CollectionCopied;
import dev.milvusmigrate.schemas.avro.CollectionPlan;
import dev.milvusmigrate.schemas.avro.CollectionSchema;
import dev.milvusmigrate.schemas.avro.JobFailed;
import dev.milvusmigrate.schemas.avro.JobMode;
import dev.milvusmigrate.schemas.avro.JobPlanned;
import dev.milvusmigrate.schemas.avro.JobSpec;
import dev.milvusmigrate.schemas.avro.MutationOp;
import dev.milvusmigrate.schemas.avro.ProgressEvent;
import dev.milvusmigrate.schemas.avro.SinkProgress;
import dev.milvusmigrate.schemas.avro.VerificationReport;
import dev.milvusmigrate.testkit.kafka.KafkaBroker;
import dev.milvusmigrate.testkit.milvus.MilvusServer;
import dev.milvusmigrate.testkit.milvus.ExtraMilvusLite;
import dev.milvusmigrate.testkit.milvus.MilvusLiteServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sink of a zero-downtime job end to end on a real Kafka broker and a real Milvus server: the
 * test plays the exporter (snapshot topic, JobPlanned), cdc-capture (mutations topic) and the CLI
 * (JobSpec). The source databases exist only in the records: the sink creates them on the
 * target, which is the server. Run on Milvus Lite and on Milvus 2.3.5, which counts a re-inserted
 * key twice, so only there does the no-duplicate assertion bite.
 */
@SuppressWarnings("try") // services run while their try block waits on Kafka and Milvus
abstract class ZeroDowntimeSinkContract {

  private static final Duration WAIT = Duration.ofMinutes(3);
  private static final int MUTATION_PARTITIONS = 3;
  private static final long T = HybridTimestamp.of(1_700_000_000_000L, 0).value();
  /** An empty source of its own: the sink prepares every source collection of a zero-downtime job on the target. */
  private static final MilvusLiteServer SOURCE = ExtraMilvusLite.get("zdm-sink-source");

  private final String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
  private final String jobId = "zdm-" + suffix;
  private final String database = "zdm_" + suffix;
  private final String newDatabase = "zdmnew_" + suffix;
  private final String scratch = "scratch_" + suffix;
  private final TopicNames topics = new TopicNames("zdm-it-" + suffix);

  private KafkaBroker broker;
  private MilvusServer milvus;
  private KafkaClients clients;
  private MilvusSession session;

  @BeforeEach
  void setUp(KafkaBroker broker, MilvusServer milvus) {
    this.broker = broker;
    this.milvus = milvus;
    this.clients = new KafkaClients(broker.bootstrapServers(), Map.of());
    TopicProvisioner provisioner = new TopicProvisioner(clients, topics, (short) 1);
    provisioner.ensureSharedTopics();
    provisioner.ensureJobTopics(new JobId(jobId), JobMode.ZERO_DOWNTIME, 2, MUTATION_PARTITIONS);
    this.session = MilvusConnector.connect(MilvusEndpoint.of(milvus.uri()));
  }

  @AfterEach
  void tearDown() {
    session.close();
  }

  @Test
  void appliesTheChangesAfterTheSnapshotSoTheTargetHoldsTheFinalStateOfEveryEntity() {
    try (SinkWriterService service = new SinkWriterService(config()).start();
        MutationFeeder capture = capture();
        ProgressLog progress = progressLog()) {
      submitJob();
      // Published before the plan and the snapshot: the sink must hold them back until the snapshot is on the target.
      capture.schema(booksSchema());
      capture.write(MutationOp.UPSERT, database, BOOKS, P1, 1L, book(1, "stale"), T - 5);
      capture.write(MutationOp.INSERT, database, BOOKS, "_default", 2L, book(2, "at-T"), T);
      capture.write(MutationOp.UPSERT, database, BOOKS, P1, 3L, book(3, "v1"), T + 1);
      capture.write(MutationOp.UPSERT, database, BOOKS, P1, 3L, book(3, "v2"), T + 2);
      capture.write(MutationOp.UPSERT, database, BOOKS, P1, 3L, book(3, "v3"), T + 3);
      capture.delete(database, BOOKS, null, 4L, bookKey(4), T + 1);
      capture.write(MutationOp.INSERT, database, BOOKS, "_default", 100L, book(100, "short-lived"), T + 1);
      capture.delete(database, BOOKS, "_default", 100L, bookKey(100), T + 2);
      capture.delete(database, BOOKS, null, 6L, bookKey(6), T + 1);
      capture.write(MutationOp.INSERT, database, BOOKS, "_default", 6L, book(6, "reborn"), T + 2);
      capture.write(MutationOp.INSERT, database, BOOKS, "p_new", 101L, book(101, "fresh"), T + 3);
      capture.schema(authorsSchema());
      capture.write(MutationOp.INSERT, newDatabase, AUTHORS, "_default", "ann", author("ann", "ann-1"), T + 4);
      capture.write(MutationOp.INSERT, newDatabase, AUTHORS, "_default", "bob", author("bob", "bob-1"), T + 4);
      capture.write(MutationOp.INSERT, newDatabase, AUTHORS, "_default", "cid", author("cid", "cid-1"), T + 4);
      capture.delete(newDatabase, AUTHORS, null, "bob", authorKey("bob"), T + 5);
      capture.write(MutationOp.UPSERT, newDatabase, AUTHORS, "_default", "ann", author("ann", "ann-2"), T + 6);
      capture.heartbeat(T + 100);
      plan(T, database + "." + BOOKS);
      snapshot();

      awaitApplied(progress, T + 100);
      assertThat(progress.poll(CollectionCopied.class)).filteredOn(CollectionCopied::getSnapshotComplete)
          .singleElement().satisfies(copied -> assertThat(copied.getRowsCopied()).isEqualTo(12));
      assertThat(progress.poll(VerificationReport.class)).as("zero-downtime jobs verify at stop-sync").isEmpty();
      assertThat(progress.poll(JobFailed.class)).isEmpty();
      List<SinkProgress> last = lastReports(progress);
      assertThat(last).allSatisfy(report -> assertThat(report.getSinkInstance()).isEqualTo("sink-it"));
      assertThat(last.stream().mapToLong(SinkProgress::getRowsApplied).sum()).as("mutations after T").isEqualTo(14);
    }

    Map<Object, String> books = loadedContent(database, BOOKS, null);
    assertThat(books).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
        Map.entry(1L, "snap-1"), Map.entry(2L, "snap-2"), Map.entry(3L, "v3"), Map.entry(5L, "snap-5"),
        Map.entry(6L, "reborn"), Map.entry(7L, "snap-7"), Map.entry(8L, "snap-8"), Map.entry(9L, "snap-9"),
        Map.entry(10L, "snap-10"), Map.entry(11L, "snap-11"), Map.entry(12L, "snap-12"), Map.entry(101L, "fresh")));
    assertThat(ZdmCollections.content(session, database, BOOKS, "p_new")).containsOnlyKeys(101L);
    assertThat(session.catalog().describeCollection(new CollectionName(database, BOOKS)).orElseThrow().getPartitions())
        .containsExactlyInAnyOrder("_default", P1, "p_new");
    assertThat(session.catalog().countRows(new CollectionName(database,
        BOOKS))).as("count(*): nothing duplicated").isEqualTo(12);
    assertThat(loadedContent(newDatabase, AUTHORS, null))
        .containsExactlyInAnyOrderEntriesOf(Map.of("ann", "ann-2", "cid", "cid-1"));
  }

  @Test
  void aSinkClosedMidStreamAndStartedAgainEndsWithExactlyTheFinalState() {
    try (MutationFeeder capture = capture(); ProgressLog progress = progressLog()) {
      submitJob();
      try (SinkWriterService first = new SinkWriterService(config()).start()) {
        capture.schema(booksSchema());
        capture.write(MutationOp.UPSERT, database, BOOKS, P1, 3L, book(3, "v1"), T + 1);
        capture.delete(database, BOOKS, null, 4L, bookKey(4), T + 1);
        capture.heartbeat(T + 10);
        plan(T, database + "." + BOOKS);
        snapshot();
        awaitApplied(progress, T + 10);
        // Closed while these may or may not be applied and committed.
        capture.write(MutationOp.UPSERT, database, BOOKS, P1, 3L, book(3, "v2"), T + 11);
        IntStream.rangeClosed(200, 219).forEach(id -> capture.write(MutationOp.INSERT, database, BOOKS, "_default",
            (long) id, book(id, "batch-" + id), T + 12));
      }
      // The crash: these writes reached the target, but their records were never consumed, let alone committed.
      session.writer().write(Mode.INSERT, new CollectionName(database, BOOKS), "_default", book(300, "landed"), 1);
      session.writer().write(Mode.UPSERT, new CollectionName(database, BOOKS), P1, book(5, "landed"), 1);
      capture.schema(booksSchema()); // capture restarted too, and repeats the schema
      capture.write(MutationOp.INSERT, database, BOOKS, "_default", 300L, book(300, "landed"), T + 13);
      capture.write(MutationOp.UPSERT, database, BOOKS, P1, 5L, book(5, "landed"), T + 13);
      capture.write(MutationOp.INSERT, database, BOOKS, "p_new", 301L, book(301, "after-restart"), T + 14);
      capture.heartbeat(T + 20);

      try (SinkWriterService second = new SinkWriterService(config()).start()) {
        awaitApplied(progress, T + 20);
        assertThat(progress.poll(JobFailed.class)).isEmpty();
      }
    }

    Map<Object, String> books = loadedContent(database, BOOKS, null);
    assertThat(books).hasSize(11 + 20 + 2).doesNotContainKey(4L).containsEntry(3L, "v2").containsEntry(5L, "landed")
        .containsEntry(300L, "landed").containsEntry(301L, "after-restart").containsEntry(12L, "snap-12");
    IntStream.rangeClosed(200, 219).forEach(id -> assertThat(books).containsEntry((long) id, "batch-" + id));
    assertThat(session.catalog().countRows(new CollectionName(database,
        BOOKS))).as("count(*): nothing duplicated").isEqualTo(33);
  }

  @Test
  void aMutationOfACollectionWhoseSchemaNeverCameFailsTheJob() {
    try (SinkWriterService service = new SinkWriterService(config()).start();
        MutationFeeder capture = capture();
        ProgressLog progress = progressLog()) {
      submitJob();
      plan(T);
      capture.write(MutationOp.INSERT, database, BOOKS, "_default", 1L, book(1, "orphan"), T + 1);

      JobFailed failed = awaitFailure(progress);
      assertThat(failed.getReason()).isEqualTo("Mutations of " + database + ".books arrived, but the target has no"
          + " collection " + database + ".books and no schema of it came first: cdc-capture must send a collection's"
          + " schema before its mutations.");
      assertThat(failed.getDatabase()).isEqualTo(database);
      assertThat(failed.getCollection()).isEqualTo(BOOKS);
    }
    assertThat(session.catalog().listDatabases()).doesNotContain(database);
  }

  @Test
  void recordsTheProjectDidNotWriteGoToTheDeadLetterTopicAndTheSinkAppliesTheRest() {
    JobId job = new JobId(jobId);
    try (SinkWriterService service = new SinkWriterService(config()).start();
        MutationFeeder capture = capture();
        ProgressLog progress = progressLog();
        KafkaProducer<String, byte[]> raw = rawProducer()) {
      submitJob();
      raw.send(new ProducerRecord<>(topics.snapshot(job), 0, "foreign", "not a snapshot event".getBytes()));
      capture.schema(booksSchema());
      capture.write(MutationOp.UPSERT, database, BOOKS, P1, 3L, book(3, "before"), T + 1);
      for (int partition = 0; partition < MUTATION_PARTITIONS; partition++) {
        raw.send(new ProducerRecord<>(topics.mutations(job), partition, "garbage", new byte[] {1, 2, 3}));
        raw.send(new ProducerRecord<>(topics.mutations(job), partition, "tombstone", null));
      }
      raw.flush();
      capture.write(MutationOp.UPSERT, database, BOOKS, P1, 3L, book(3, "after"), T + 2);
      capture.write(MutationOp.INSERT, database, BOOKS, "_default", 100L, book(100, "after"), T + 2);
      capture.heartbeat(T + 10);
      plan(T, database + "." + BOOKS);
      snapshot();

      awaitApplied(progress, T + 10);
      assertThat(progress.poll(JobFailed.class)).isEmpty();
    }

    assertThat(loadedContent(database, BOOKS, null)).hasSize(13).containsEntry(3L, "after")
        .containsEntry(100L, "after");
    List<ConsumerRecord<byte[], byte[]>> dead = broker.awaitRecords(topics.deadLetters(), 1 + 2 * MUTATION_PARTITIONS,
        WAIT);
    assertThat(dead).extracting(record -> header(record, DeadLetters.TOPIC_HEADER))
        .containsOnly(topics.snapshot(job), topics.mutations(job));
    assertThat(dead).extracting(record -> header(record, DeadLetters.TOPIC_HEADER) + "/"
        + header(record, DeadLetters.PARTITION_HEADER)).contains(topics.snapshot(job) + "/0")
        .contains(IntStream.range(0, MUTATION_PARTITIONS).mapToObj(p -> topics.mutations(job) + "/" + p)
            .toArray(String[]::new));
    assertThat(dead).filteredOn(record -> record.value() == null).hasSize(MUTATION_PARTITIONS);
  }

  private SinkConfig config() {
    return SinkTestConfig.of(broker.bootstrapServers(), topics, SOURCE.uri(), milvus.uri());
  }

  private void submitJob() {
    JobSpec spec = JobSpec.newBuilder().setJobId(jobId).setMode(JobMode.ZERO_DOWNTIME)
        .setSourceLabel(SOURCE.uri()).setTargetLabel(milvus.uri()).setSubmittedAt(System.currentTimeMillis()).build();
    try (KafkaProducer<String, JobSpec> producer = clients.producer(JobSpec.class, "it-cli")) {
      producer.send(new ProducerRecord<>(topics.jobs(), jobId, spec));
    }
  }

  /** The exporter's plan: {@code collections} as {@code database.collection}. */
  private void plan(long snapshotTs, String... collections) {
    List<CollectionPlan> plans = Arrays.stream(collections).map(name -> name.split("\\."))
        .map(parts -> new CollectionPlan(parts[0], parts[1], parts[0], 12L)).toList();
    try (KafkaProducer<String, ProgressEvent> producer = clients.producer(ProgressEvent.class, "it-exporter")) {
      producer.send(new ProducerRecord<>(topics.progress(), jobId,
          new ProgressEvent(new JobPlanned(jobId, snapshotTs, plans, System.currentTimeMillis()))));
    }
  }

  /** Books 1..12 at T: odd ids in p1, even ids in _default. */
  private void snapshot() {
    try (SnapshotFeeder exporter = new SnapshotFeeder(clients, topics.snapshot(new JobId(jobId)), jobId)) {
      exporter.schema(booksSchema());
      exporter.batches(List.of(
          ZdmCollections.snapshotBatch(database, P1, 0, 0, List.of(1L, 3L, 5L, 7L, 9L, 11L), T),
          ZdmCollections.snapshotBatch(database, "_default", 1, 6, List.of(2L, 4L, 6L, 8L, 10L, 12L), T)));
      exporter.end(database, BOOKS, 12);
    }
  }

  private CollectionSchema booksSchema() {
    return ZdmCollections.described(session, scratch, database, BOOKS);
  }

  private CollectionSchema authorsSchema() {
    return ZdmCollections.described(session, scratch, newDatabase, AUTHORS);
  }

  private MutationFeeder capture() {
    return new MutationFeeder(clients, topics.mutations(new JobId(jobId)), jobId);
  }

  private ProgressLog progressLog() {
    return new ProgressLog(clients, topics.progress());
  }

  private KafkaProducer<String, byte[]> rawProducer() {
    return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
        new StringSerializer(), new ByteArraySerializer());
  }

  private static String header(ConsumerRecord<?, ?> record, String name) {
    return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }

  /** Waits until every mutations partition reported {@code appliedTs}. */
  private void awaitApplied(ProgressLog progress, long appliedTs) {
    await("every partition applied up to " + appliedTs).atMost(WAIT).until(() -> lastReports(progress).stream()
        .filter(report -> report.getAppliedTs() == appliedTs).count() == MUTATION_PARTITIONS);
  }

  /** The newest SinkProgress of each mutations partition. */
  private static List<SinkProgress> lastReports(ProgressLog progress) {
    Map<Integer, SinkProgress> last = new TreeMap<>();
    progress.poll(SinkProgress.class).forEach(report -> last.put(report.getPartition(), report));
    return List.copyOf(last.values());
  }

  private static JobFailed awaitFailure(ProgressLog progress) {
    return await("JobFailed").atMost(WAIT).until(() -> progress.poll(JobFailed.class), list -> !list.isEmpty()).get(0);
  }

  private Map<Object, String> loadedContent(String db, String collection, String partition) {
    session.catalog().load(new CollectionName(db, collection));
    return ZdmCollections.content(session, db, collection, partition);
  }
}
