package dev.milvusmigrate.exporter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

import dev.milvusmigrate.core.domain.JobId;
import dev.milvusmigrate.runtime.LogContext;
import dev.milvusmigrate.runtime.ServiceLauncher;
import dev.milvusmigrate.schemas.avro.CollectionPlan;
import dev.milvusmigrate.schemas.avro.CollectionSchema;
import dev.milvusmigrate.schemas.avro.Column;
import dev.milvusmigrate.schemas.avro.EntityBatch;
import dev.milvusmigrate.schemas.avro.ExporterCheckpoint;
import dev.milvusmigrate.schemas.avro.JobFailed;
import dev.milvusmigrate.schemas.avro.JobPlanned;
import dev.milvusmigrate.schemas.avro.Marker;
import dev.milvusmigrate.schemas.avro.MarkerKind;
import dev.milvusmigrate.schemas.avro.PackedValues;
import dev.milvusmigrate.schemas.avro.ProgressEvent;
import dev.milvusmigrate.schemas.avro.SnapshotEvent;
import dev.milvusmigrate.schemas.avro.StringValues;
import dev.milvusmigrate.schemas.columns.LittleEndianPacker;
import dev.milvusmigrate.schemas.serde.AvroTrust;
import dev.milvusmigrate.testkit.kafka.KafkaBroker;
import dev.milvusmigrate.testkit.kafka.KafkaBrokerExtension;
import dev.milvusmigrate.testkit.metrics.PrometheusScrape;
import dev.milvusmigrate.testkit.milvus.MilvusLiteExtension;
import dev.milvusmigrate.testkit.milvus.MilvusLiteServer;
import dev.milvusmigrate.testkit.process.FreePorts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

/** The exporter against a real Kafka broker and a real Milvus Lite source. */
@ExtendWith({KafkaBrokerExtension.class, MilvusLiteExtension.class})
class SnapshotExporterIT {

  private static final Duration EXPORT_TIMEOUT = Duration.ofMinutes(3);

  private PipelineTopics kafka;
  private SourceFixture source;
  private String milvusUri;
  private final JobId job = new JobId("job-" + UUID.randomUUID().toString().substring(0, 8));

  @BeforeEach
  void setUp(KafkaBroker broker, MilvusLiteServer milvus) throws InterruptedException {
    AvroTrust.install();
    kafka = new PipelineTopics(broker.bootstrapServers(), milvus.uri());
    source = new SourceFixture(milvus.uri());
    milvusUri = milvus.uri();
  }

  @AfterEach
  void tearDown() {
    kafka.close();
    source.close();
  }

  @Test
  void exportsEveryRowOnceInKeyOrderPerPartitionBetweenSchemaAndEndMarker() throws Exception {
    createBooks();
    source.createCollection("empty", List.of());
    source.indexAndLoad("empty");

    try (SnapshotExporterService service = new SnapshotExporterService(config(Map.of(
        "exporter.batch.bytes", "4096", "exporter.page.rows", "50"))).start()) {
      kafka.submit(job, source.database, List.of());
      List<SnapshotEvent> events = kafka.snapshot(job).readUntil(all -> ends(all) == 2, EXPORT_TIMEOUT);
      List<ProgressEvent> progress = kafka.progress(job).readUntil(all -> !all.isEmpty(), EXPORT_TIMEOUT);

      Map<String, List<Object>> byCollection = byCollection(events);
      List<EntityBatch> batches = assertFramedBySchemaAndEnd(byCollection.get("books"), 500);
      assertThat(batches.size()).isGreaterThan(5);
      assertChunksAreConsecutive(batches);
      assertRowsPerPartition(batches, "_default", LongStream.range(0, 300).toArray());
      assertRowsPerPartition(batches, "p1", LongStream.range(1000, 1200).toArray());
      assertThat(batches).extracting(EntityBatch::getPartition).doesNotContain("p2");
      assertThat(batches).allSatisfy(SnapshotExporterIT::assertValuesMatchIds);
      assertThat(((CollectionSchema) byCollection.get("books").get(0)).getPartitions())
          .containsExactlyInAnyOrder("_default", "p1", "p2");
      assertThat(assertFramedBySchemaAndEnd(byCollection.get("empty"), 0)).isEmpty();

      JobPlanned planned = (JobPlanned) progress.get(0).getPayload();
      assertThat(planned.getCollections()).extracting(CollectionPlan::getCollection)
          .containsExactly("books", "empty");
      assertThat(planned.getCollections()).extracting(CollectionPlan::getRowsEstimated).containsExactly(500L, 0L);
      assertThat(batches).allSatisfy(batch -> assertThat(batch.getSnapshotTs()).isEqualTo(planned.getSnapshotTs()));
    }
  }

  @Test
  void servesPrometheusMetricsOfTheRowsReadAndWhatWasPublishedAndLogsWithJobAndCollection() throws Exception {
    createBooks();
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    Logger exporterLog = (Logger) LoggerFactory.getLogger(CollectionExporter.class);
    logs.start();
    exporterLog.addAppender(logs);
    ExporterConfig config = config(Map.of("exporter.batch.bytes", "4096", "exporter.page.rows", "50",
        "metrics.port", Integer.toString(FreePorts.allocate())));
    try (ServiceLauncher.Running service = ServiceLauncher.launch("snapshot-exporter", config,
        (settings, registry) -> new SnapshotExporterService(settings, registry).start())) {
      kafka.submit(job, source.database, List.of());
      List<SnapshotEvent> events = kafka.snapshot(job).readUntil(all -> ends(all) == 1, EXPORT_TIMEOUT);
      long batches = events.stream().filter(e -> e.getPayload() instanceof EntityBatch).count();

      String books = source.database + ".books";
      PrometheusScrape scrape = await("the last transaction counted").atMost(EXPORT_TIMEOUT)
          .until(() -> PrometheusScrape.of(service.metricsPort()), s -> s.sum(
              "milvus_migrate_exporter_batches_published_total", "job_id", job.value()) == batches);
      assertThat(scrape.sum("milvus_migrate_exporter_rows_read_total", "job_id", job.value(), "collection", books))
          .isEqualTo(500);
      assertThat(scrape.sum("milvus_migrate_exporter_batches_published_total", "collection", books))
          .isEqualTo(batches).isGreaterThan(5);
      assertThat(scrape.sum("milvus_migrate_exporter_bytes_published_total", "job_id", job.value()))
          .as("at least a float vector of 4 bytes per dimension per row")
          .isGreaterThan(500.0 * SourceFixture.DIMENSION * Float.BYTES);
      assertThat(scrape.sum("milvus_migrate_exporter_errors_total")).isZero();
      assertThat(scrape.has("process_uptime_seconds", "service", "snapshot-exporter")).isTrue();
    } finally {
      exporterLog.detachAppender(logs);
    }
    assertThat(logs.list).isNotEmpty().allSatisfy(event -> assertThat(event.getMDCPropertyMap())
        .containsEntry(LogContext.JOB, job.value()).containsEntry(LogContext.COLLECTION, source.database + ".books"));
  }

  @Test
  void aRestartedExporterContinuesAfterTheLastCommittedBatch() throws Exception {
    source.createCollection("notes", List.of("p1"));
    source.insert("notes", "_default", 0, 800);
    source.insert("notes", "p1", 5000, 5700);
    source.indexAndLoad("notes");
    var events = kafka.snapshot(job);

    try (SnapshotExporterService first = new SnapshotExporterService(config(Map.of("exporter.batch.bytes", "2048",
        "exporter.page.rows", "40", "exporter.max-bytes-per-second", "20000"))).start()) {
      kafka.submit(job, source.database, List.of("notes"));
      events.readUntil(all -> all.stream().filter(e -> e.getPayload() instanceof EntityBatch).count() >= 3,
          EXPORT_TIMEOUT);
    }
    assertThat(ends(events.values)).as("the first exporter must be stopped mid-export").isZero();

    try (SnapshotExporterService second = new SnapshotExporterService(config(Map.of("exporter.batch.bytes", "2048",
        "exporter.page.rows", "40"))).start()) {
      events.readUntil(all -> ends(all) == 1, EXPORT_TIMEOUT);
    }

    List<EntityBatch> batches = assertFramedBySchemaAndEnd(byCollection(events.values).get("notes"), 1500);
    assertChunksAreConsecutive(batches);
    assertEachCheckpointResumesRightAfterItsBatch(batches, List.of("_default", "p1"));
    assertRowsPerPartition(batches, "_default", LongStream.range(0, 800).toArray());
    assertRowsPerPartition(batches, "p1", LongStream.range(5000, 5700).toArray());
    assertThat(batches.stream().mapToLong(EntityBatch::getSnapshotTs).distinct().count()).isEqualTo(1);
  }

  /**
   * A source that restarted answers "collection not loaded" until it has loaded its collections
   * again; so does one whose collection an operator released. The exporter loads it and reads the
   * page again: every row once, and the collection loaded at the end as it was at the start.
   */
  @Test
  void aCollectionReleasedMidExportIsLoadedAgainAndEveryRowExportedOnce() throws Exception {
    source.createCollection("shelves", List.of());
    source.insert("shelves", "_default", 0, 1200);
    source.indexAndLoad("shelves");
    var events = kafka.snapshot(job);

    try (SnapshotExporterService service = new SnapshotExporterService(config(Map.of("exporter.batch.bytes", "2048",
        "exporter.page.rows", "40", "exporter.max-bytes-per-second", "20000"))).start()) {
      kafka.submit(job, source.database, List.of("shelves"));
      events.readUntil(all -> all.stream().filter(e -> e.getPayload() instanceof EntityBatch).count() >= 2,
          EXPORT_TIMEOUT);
      source.release("shelves");
      events.readUntil(all -> ends(all) == 1, EXPORT_TIMEOUT);
    }

    List<EntityBatch> batches = assertFramedBySchemaAndEnd(byCollection(events.values).get("shelves"), 1200);
    assertChunksAreConsecutive(batches);
    assertRowsPerPartition(batches, "_default", LongStream.range(0, 1200).toArray());
    assertThat(source.isLoaded("shelves")).isTrue();
  }

  @Test
  void anUnknownDatabaseFailsTheJobWithOneClearSentence() throws Exception {
    try (SnapshotExporterService service = new SnapshotExporterService(config(Map.of())).start()) {
      kafka.submit(job, "no_such_db", List.of());
      List<ProgressEvent> progress = kafka.progress(job).readUntil(all -> !all.isEmpty(), EXPORT_TIMEOUT);

      JobFailed failed = (JobFailed) progress.get(0).getPayload();
      assertThat(failed.getJobId()).isEqualTo(job.value());
      assertThat(failed.getComponent()).isEqualTo("snapshot-exporter");
      assertThat(failed.getDatabase()).isEqualTo("no_such_db");
      assertThat(failed.getReason()).startsWith("Database 'no_such_db' does not exist on the source "
          + milvusUri.replace("localhost", "127.0.0.1") + ": check the name; the source has ")
          .contains("'" + source.database + "'").endsWith(".");
    }
  }

  @Test
  void aJobNamingAnotherSourceFailsAtOnceAndExportsNothing() throws Exception {
    createBooks();
    try (SnapshotExporterService service = new SnapshotExporterService(config(Map.of())).start()) {
      kafka.submit(job, source.database, List.of(), "http://other-source:19530");
      List<ProgressEvent> progress = kafka.progress(job).readUntil(all -> !all.isEmpty(), EXPORT_TIMEOUT);

      assertThat(progress.get(0).getPayload()).as("refused before planning").isInstanceOf(JobFailed.class);
      JobFailed failed = (JobFailed) progress.get(0).getPayload();
      assertThat(failed.getReason()).isEqualTo("The job's source is http://other-source:19530 but this"
          + " snapshot-exporter is configured for the source " + milvusUri + " (source.uri): nothing was written;"
          + " run the job with services configured for its servers.");
    }
  }

  /** Collection books: 300 rows in _default, 200 in p1, none in p2. */
  private void createBooks() {
    source.createCollection("books", List.of("p1", "p2"));
    source.insert("books", "_default", 0, 300);
    source.insert("books", "p1", 1000, 1200);
    source.indexAndLoad("books");
  }

  private ExporterConfig config(Map<String, String> extra) {
    Map<String, String> overrides = new HashMap<>(Map.of("kafka.bootstrap", kafka.clients.bootstrapServers(),
        "kafka.topic-prefix", kafka.topics.prefix(), "source.uri", milvusUri, "kafka.snapshot-partitions", "3",
        "kafka.mutation-partitions", "3"));
    overrides.putAll(extra);
    return ExporterConfig.of(Map.of(), Map.of(), overrides);
  }

  private static long ends(List<SnapshotEvent> events) {
    return events.stream().filter(e -> e.getPayload() instanceof Marker marker
        && marker.getKind() == MarkerKind.SNAPSHOT_END).count();
  }

  private static Map<String, List<Object>> byCollection(List<SnapshotEvent> events) {
    Map<String, List<Object>> byCollection = new LinkedHashMap<>();
    for (SnapshotEvent event : events) {
      Object payload = event.getPayload();
      String collection = payload instanceof CollectionSchema schema ? schema.getCollection()
          : payload instanceof EntityBatch batch ? batch.getCollection() : ((Marker) payload).getCollection();
      byCollection.computeIfAbsent(collection, c -> new ArrayList<>()).add(payload);
    }
    return byCollection;
  }

  /** Schema first, SNAPSHOT_END last with the row count, only batches between; returns the batches. */
  private static List<EntityBatch> assertFramedBySchemaAndEnd(List<Object> events, long rows) {
    assertThat(events.get(0)).isInstanceOf(CollectionSchema.class);
    Marker end = (Marker) events.get(events.size() - 1);
    assertThat(end.getKind()).isEqualTo(MarkerKind.SNAPSHOT_END);
    assertThat(end.getRowsRead()).isEqualTo(rows);
    List<Object> middle = events.subList(1, events.size() - 1);
    assertThat(middle).allMatch(EntityBatch.class::isInstance);
    List<EntityBatch> batches = middle.stream().map(EntityBatch.class::cast).toList();
    assertThat(batches.stream().mapToLong(EntityBatch::getRowCount).sum()).isEqualTo(rows);
    assertThat(batches).allSatisfy(batch -> assertThat(batch.getSnapshotTs()).isEqualTo(end.getTs()));
    return batches;
  }

  /**
   * Each transaction carries one batch and its partition's checkpoint, so the i-th checkpoint of a
   * partition must say: continue after the i-th batch (its last key, the next chunk, the rows up to
   * and including it), whatever other batches the same source page yielded. A restart between two
   * batches of one page would otherwise skip a chunk number and count rows twice.
   */
  private void assertEachCheckpointResumesRightAfterItsBatch(List<EntityBatch> batches, List<String> partitions) {
    List<ExporterCheckpoint> checkpoints = kafka.reader(ExporterCheckpoint.class,
        kafka.topics.exporterCheckpoints(job)).readUntil(all -> all.stream().filter(ExporterCheckpoint::getDone)
        .count() == partitions.size(), EXPORT_TIMEOUT);
    for (String partition : partitions) {
      List<EntityBatch> ofPartition = batches.stream().filter(b -> partition.equals(b.getPartition())).toList();
      List<ExporterCheckpoint> ofCheckpoints = checkpoints.stream().filter(c -> partition.equals(c.getPartition()))
          .toList();
      assertThat(ofCheckpoints).hasSizeGreaterThanOrEqualTo(ofPartition.size());
      for (int i = 0; i < ofPartition.size(); i++) {
        EntityBatch batch = ofPartition.get(i);
        ExporterCheckpoint checkpoint = ofCheckpoints.get(i);
        assertThat(checkpoint.getLastPk()).as("last key of checkpoint %d of %s", i, partition)
            .isEqualTo(batch.getLastPk());
        assertThat(checkpoint.getNextChunk()).as("next chunk of checkpoint %d of %s", i, partition)
            .isEqualTo(batch.getChunk() + 1);
        assertThat(checkpoint.getRowsRead()).as("rows read of checkpoint %d of %s", i, partition)
            .isEqualTo(batch.getRowsBefore() + batch.getRowCount());
      }
    }
  }

  private static void assertChunksAreConsecutive(List<EntityBatch> batches) {
    long rowsBefore = 0;
    for (int i = 0; i < batches.size(); i++) {
      assertThat(batches.get(i).getChunk()).isEqualTo(i);
      assertThat(batches.get(i).getRowsBefore()).isEqualTo(rowsBefore);
      rowsBefore += batches.get(i).getRowCount();
    }
  }

  /** The partition's rows arrive exactly once, in ascending key order, with matching first and last keys. */
  private static void assertRowsPerPartition(List<EntityBatch> batches, String partition, long[] expectedIds) {
    List<Long> ids = new ArrayList<>();
    for (EntityBatch batch : batches.stream().filter(b -> partition.equals(b.getPartition())).toList()) {
      long[] batchIds = ids(batch);
      assertThat(batch.getFirstPk()).isEqualTo(batchIds[0]);
      assertThat(batch.getLastPk()).isEqualTo(batchIds[batchIds.length - 1]);
      LongStream.of(batchIds).forEach(ids::add);
    }
    assertThat(ids).containsExactlyElementsOf(LongStream.of(expectedIds).boxed().toList());
  }

  private static void assertValuesMatchIds(EntityBatch batch) {
    long[] ids = ids(batch);
    List<String> titles = ((StringValues) column(batch, "title").getValues()).getValues();
    float[] vectors = LittleEndianPacker.unpackFloats(((PackedValues) column(batch, "embedding").getValues()).getData());
    for (int row = 0; row < ids.length; row++) {
      assertThat(titles.get(row)).isEqualTo(SourceFixture.title(ids[row]));
      for (int d = 0; d < SourceFixture.DIMENSION; d++) {
        assertThat(vectors[row * SourceFixture.DIMENSION + d]).isEqualTo(SourceFixture.component(ids[row], d));
      }
    }
  }

  private static long[] ids(EntityBatch batch) {
    return LittleEndianPacker.unpackLongs(((PackedValues) column(batch, "id").getValues()).getData());
  }

  private static Column column(EntityBatch batch, String name) {
    return batch.getColumns().stream().filter(c -> c.getFieldName().equals(name)).findFirst().orElseThrow();
  }
}
