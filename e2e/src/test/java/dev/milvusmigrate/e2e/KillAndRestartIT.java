package dev.milvusmigrate.e2e;

import static dev.milvusmigrate.e2e.Rows.field;
import static dev.milvusmigrate.e2e.Rows.intKey;
import static dev.milvusmigrate.e2e.Rows.varchar;
import static dev.milvusmigrate.e2e.Rows.vector;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.gson.JsonObject;
import dev.milvusmigrate.core.domain.JobId;
import dev.milvusmigrate.core.domain.TopicNames;
import dev.milvusmigrate.exporter.ExporterConfig;
import dev.milvusmigrate.exporter.SnapshotExporterService;
import dev.milvusmigrate.kafka.KafkaClients;
import dev.milvusmigrate.kafka.TopicProvisioner;
import dev.milvusmigrate.lag.LagMonitorConfig;
import dev.milvusmigrate.lag.LagMonitorService;
import dev.milvusmigrate.schemas.avro.EntityBatch;
import dev.milvusmigrate.schemas.avro.IndexPolicy;
import dev.milvusmigrate.schemas.avro.JobMode;
import dev.milvusmigrate.schemas.avro.JobSpec;
import dev.milvusmigrate.schemas.avro.JobState;
import dev.milvusmigrate.schemas.avro.JobStatus;
import dev.milvusmigrate.schemas.avro.SnapshotEvent;
import dev.milvusmigrate.schemas.serde.AvroTrust;
import dev.milvusmigrate.sink.SinkConfig;
import dev.milvusmigrate.sink.SinkWriterService;
import dev.milvusmigrate.testkit.kafka.KafkaBroker;
import dev.milvusmigrate.testkit.milvus.MilvusLiteExtension;
import dev.milvusmigrate.testkit.milvus.MilvusLiteServer;
import dev.milvusmigrate.testkit.milvus.MilvusStandaloneExtension;
import dev.milvusmigrate.testkit.milvus.MilvusStandaloneServer;
import io.milvus.v2.common.DataType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exporter and the sink are closed twice in the middle of a throttled copy and replaced by
 * new instances; the job still ends SUCCESSFUL with an exact copy and no duplicate. The target is
 * Milvus 2.3.5, whose {@code count(*)} counts a key written twice twice (Milvus Lite may silently
 * keep one), so a replayed insert could not hide.
 */
// A pipeline that never reports an end must fail the build, not hang it.
@Timeout(value = 4, unit = TimeUnit.MINUTES)
@ExtendWith({MilvusLiteExtension.class, MilvusStandaloneExtension.class})
class KillAndRestartIT {

  private static final int SNAPSHOT_PARTITIONS = 4;
  private static final Map<String, Integer> ROWS = Map.of("numbers", 2000, "names", 1000);
  /** About 1.4 MB in all at 200 KB/s: seven seconds of copying, long enough to stop it twice. */
  private static final String BYTES_PER_SECOND = "200000";

  @TempDir
  Path lagState;

  @Test
  void copyStoppedTwiceMidwayEndsExactAndWithoutDuplicates(MilvusLiteServer source, MilvusStandaloneServer target)
      throws Exception {
    AvroTrust.install();
    String database = Names.unique("restart");
    JobId job = new JobId(database);
    TopicNames topics = new TopicNames("e2e-" + database);
    String bootstrap = KafkaBroker.shared().bootstrapServers();
    try (MilvusData data = new MilvusData(source.uri()).database(database)) {
      createSource(data);
    }
    KafkaClients clients = new KafkaClients(bootstrap, Map.of());
    TopicProvisioner provisioner = new TopicProvisioner(clients, topics, (short) 1);
    provisioner.ensureSharedTopics();
    provisioner.ensureJobTopics(job, JobMode.OFFLINE, SNAPSHOT_PARTITIONS, 1);

    try (Services services = new Services(bootstrap, topics, source.uri(), target.uri());
        LagMonitorService lag = new LagMonitorService(LagMonitorConfig.of(Map.of(), Map.of(), Map.of(
            "kafka.bootstrap", bootstrap, "kafka.topic-prefix", topics.prefix(), "lag.state-dir",
            lagState.toString()))).start();
        TopicRecords<JobStatus> statuses = new TopicRecords<>(bootstrap, topics.status(), JobStatus.class)) {
      AtomicReference<JobStatus> latest = new AtomicReference<>();
      services.start();
      submit(clients, topics, job, source.uri(), target.uri());

      for (double stopAt : List.of(0.2, 0.6)) {
        JobStatus atStop = await("job " + job + " past " + stopAt * 100 + " %").atMost(Duration.ofMinutes(2))
            .pollInterval(Duration.ofMillis(50))
            .until(() -> newest(statuses, job, latest), s -> copiedFraction(s) >= stopAt);
        services.close();
        assertThat(atStop.getState()).as("stopped mid-copy").isEqualTo(JobState.IN_PROGRESS);
        assertThat(atStop.getRowsCopied()).as("rows copied when stopped").isLessThan(atStop.getRowsTotal());
        services.start();
      }

      JobStatus end = await("job " + job + " ended").atMost(Duration.ofMinutes(2))
          .until(() -> newest(statuses, job, latest), s -> s.getState() != JobState.IN_PROGRESS
              && s.getState() != JobState.PENDING);
      services.close();
      assertThat(end.getState()).as(end.getReason() + " " + end.getErrorDetails()).isEqualTo(JobState.SUCCESSFUL);
    }

    assertEveryChunkPublishedOnce(bootstrap, topics, job);
    try (MilvusData from = new MilvusData(source.uri()).use(database);
        MilvusData to = new MilvusData(target.uri()).use(database)) {
      for (Map.Entry<String, Integer> collection : ROWS.entrySet()) {
        from.load(collection.getKey());
        to.load(collection.getKey());
        new MigratedCollection(from, to, collection.getKey()).hasSameSchema().hasSameEntities(collection.getValue());
      }
    }
  }

  /** The restarted exporter continued after its last committed batch: chunks 0..n-1 once each, every row once. */
  private static void assertEveryChunkPublishedOnce(String bootstrap, TopicNames topics, JobId job) {
    try (TopicRecords<SnapshotEvent> snapshot = new TopicRecords<>(bootstrap, topics.snapshot(job),
        SnapshotEvent.class)) {
      Map<String, List<EntityBatch>> batches = snapshot.readToEnd().stream().map(SnapshotEvent::getPayload)
          .filter(EntityBatch.class::isInstance).map(EntityBatch.class::cast)
          .collect(Collectors.groupingBy(EntityBatch::getCollection, TreeMap::new, Collectors.toList()));
      assertThat(batches.keySet()).containsExactlyInAnyOrderElementsOf(ROWS.keySet());
      batches.forEach((collection, list) -> {
        assertThat(list.stream().map(EntityBatch::getChunk).sorted().toList()).as("chunks of %s", collection)
            .isEqualTo(LongStream.range(0, list.size()).boxed().toList());
        assertThat(list.stream().mapToLong(EntityBatch::getRowCount).sum()).as("rows in batches of %s", collection)
            .isEqualTo((long) ROWS.get(collection));
      });
    }
  }

  private static JobStatus newest(TopicRecords<JobStatus> statuses, JobId job, AtomicReference<JobStatus> latest) {
    statuses.poll().stream().filter(s -> s.getJobId().equals(job.value())).forEach(latest::set);
    return latest.get();
  }

  private static double copiedFraction(JobStatus status) {
    return status == null || status.getRowsTotal() == 0 ? 0 : (double) status.getRowsCopied() / status.getRowsTotal();
  }

  private static void submit(KafkaClients clients, TopicNames topics, JobId job, String source, String target)
      throws Exception {
    JobSpec spec = JobSpec.newBuilder().setJobId(job.value()).setMode(JobMode.OFFLINE).setDatabase(job.value())
        .setCollections(List.of()).setTargetDatabase(null).setLoadAtEnd(false).setIndexPolicy(IndexPolicy.AUTOINDEX)
        .setSourceLabel(source).setTargetLabel(target).setSubmittedAt(System.currentTimeMillis()).build();
    try (KafkaProducer<String, JobSpec> producer = clients.producer(JobSpec.class, "e2e-submit")) {
      producer.send(new ProducerRecord<>(topics.jobs(), job.value(), spec)).get();
    }
  }

  private static void createSource(MilvusData data) {
    data.create("numbers", SourceDatabase.schema(false, intKey("id"), varchar("body", 256), vector("embedding", 64)));
    data.insert("numbers", MilvusData.rows(ROWS.get("numbers"), i -> row("id", (long) i * 5 + 1, i)));
    data.flush("numbers");
    data.create("names", SourceDatabase.schema(false, field("name", DataType.VarChar).isPrimaryKey(true)
        .maxLength(32).build(), varchar("body", 256), vector("embedding", 64)));
    data.insert("names", MilvusData.rows(ROWS.get("names"), i -> row("name", String.format("name-%05d", i * 7), i)));
    data.flush("names");
  }

  private static JsonObject row(String key, Object value, int i) {
    JsonObject row = new JsonObject();
    if (value instanceof Long number) {
      row.addProperty(key, number);
    } else {
      row.addProperty(key, (String) value);
    }
    row.addProperty("body", Rows.text(i, 200));
    row.add("embedding", Rows.vector(i, 64));
    return row;
  }

  /** A snapshot-exporter and a sink-writer, throttled so the copy takes seconds; each start makes new instances. */
  private static final class Services implements AutoCloseable {
    private final Map<String, String> exporter = new HashMap<>();
    private final Map<String, String> sink = new HashMap<>();
    private SnapshotExporterService runningExporter;
    private SinkWriterService runningSink;

    Services(String bootstrap, TopicNames topics, String source, String target) {
      Map<String, String> kafka = Map.of("kafka.bootstrap", bootstrap, "kafka.topic-prefix", topics.prefix(),
          "kafka.replication-factor", "1", "kafka.snapshot-partitions", Integer.toString(SNAPSHOT_PARTITIONS),
          "kafka.mutation-partitions", "1");
      exporter.putAll(kafka);
      exporter.putAll(Map.of("source.uri", source, "exporter.batch.bytes", "32768", "exporter.page.rows", "50",
          "exporter.max-bytes-per-second", BYTES_PER_SECOND));
      sink.putAll(kafka);
      sink.putAll(Map.of("source.uri", source, "target.uri", target));
    }

    void start() {
      runningExporter = new SnapshotExporterService(ExporterConfig.of(Map.of(), Map.of(), exporter)).start();
      runningSink = new SinkWriterService(SinkConfig.of(Map.of(), Map.of(), sink)).start();
    }

    @Override
    public void close() {
      if (runningExporter != null) {
        runningExporter.close();
        runningExporter = null;
      }
      if (runningSink != null) {
        runningSink.close();
        runningSink = null;
      }
    }
  }
}
