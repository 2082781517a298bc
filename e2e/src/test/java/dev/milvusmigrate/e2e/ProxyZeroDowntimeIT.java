package dev.milvusmigrate.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.milvusmigrate.proxy.PassThroughServer;
import dev.milvusmigrate.proxy.ProxyConfig;
import dev.milvusmigrate.schemas.avro.JobStage;
import dev.milvusmigrate.schemas.avro.JobState;
import dev.milvusmigrate.schemas.avro.JobStatus;
import dev.milvusmigrate.schemas.avro.NotificationKind;
import dev.milvusmigrate.testkit.milvus.ExtraMilvusLite;
import dev.milvusmigrate.testkit.milvus.MilvusLiteServer;
import dev.milvusmigrate.testkit.milvus.MilvusStandaloneExtension;
import dev.milvusmigrate.testkit.milvus.MilvusStandaloneServer;
import dev.milvusmigrate.testkit.milvus.PythonMilvusEnvironment;
import dev.milvusmigrate.testkit.milvus.StandaloneOptions;
import dev.milvusmigrate.testkit.python.PyMilvusWorkload;
import dev.milvusmigrate.testkit.python.PyMilvusWorkload.Api;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Zero-downtime migration from a Milvus that keeps no log anyone can read (Milvus Lite 3.2.2, a
 * Milvus 2.3.5 standalone on RocksMQ): the applications write through the capture-proxy, which
 * records every acknowledged write in Kafka, and cdc-capture reads the proxy's topic instead of the
 * source's log.
 */
@Timeout(value = 12, unit = TimeUnit.MINUTES)
@ExtendWith(MilvusStandaloneExtension.class)
class ProxyZeroDowntimeIT {

  private static final Duration SNAPSHOT = Duration.ofMinutes(3);
  /** Every request form of the ORM writers, as their stats name them (the auto-id one upserts none, and flushes). */
  private static final List<String> ORM_CALLS = List.of("Collection.insert(rows)", "Collection.insert(columns)",
      "Partition.insert(rows)", "Partition.insert(columns)", "Collection.upsert(rows)", "Collection.upsert(columns)",
      "Collection.delete(id in [...])", "Collection.delete(id in [...], partition)", "Collection.delete(filter)");
  private static final List<String> ORM_AUTO_ID_CALLS = List.of("Collection.insert(rows)",
      "Collection.insert(columns)", "Partition.insert(rows)", "Partition.insert(columns)",
      "Collection.delete(id in [...])", "Collection.delete(id in [...], partition)", "Collection.delete(filter)",
      "Collection.flush");

  @TempDir
  Path lagState;

  /**
   * pymilvus writes every field type, bursts, hot-key upserts, moves between partitions and deletes
   * by ids, by filter and from one partition into Milvus Lite 3.2.2 through the proxy, with
   * MilvusClient and, at the same time, with the ORM into two more collections (one with auto-id
   * keys): rows and columns, {@code Partition.insert}, deletes by expression, flushes. Capture and
   * sink are replaced mid-sync; the job ends SUCCESSFUL and pymilvus finds each collection on the
   * Milvus 2.3.5 target equal to the source partition by partition, field by field.
   */
  @Test
  void pymilvusWritersThroughTheProxyEndWithTheTargetEqualToTheLiteSource(MilvusStandaloneServer target,
      @TempDir Path writers) throws Exception {
    MilvusLiteServer source = ExtraMilvusLite.get("proxied-source");
    String database = Names.unique("proxied");
    PyMilvusWorkload client = new PyMilvusWorkload(database, "rich", List.of("p_north", "p_south"));
    PyMilvusWorkload orm = new PyMilvusWorkload(database, "orm_rich", List.of("p_east", "p_west"));
    PyMilvusWorkload ormAutoId = new PyMilvusWorkload(database, "orm_auto_id", List.of("p_east")).autoId();
    try (ZeroDowntimeRun run = new ZeroDowntimeRun(database, source.uri(), null, target.uri(), lagState);
        PassThroughServer proxy = PassThroughServer.start(proxyConfig(run, source.uri()), new SimpleMeterRegistry())) {
      String throughProxy = "http://127.0.0.1:" + proxy.port();
      client.create(throughProxy, 600, false);
      orm.create(throughProxy, 300, false);
      ormAutoId.create(throughProxy, 300, false);
      try (PyMilvusWorkload.Writer writer = client.startWriter(throughProxy, 100_000, 21,
          PyMilvusWorkload.Pace.BUSY, writers, false);
          PyMilvusWorkload.Writer ormWriter = orm.startWriter(throughProxy, Api.ORM, 100_000, 22,
              PyMilvusWorkload.Pace.STEADY, writers, false);
          PyMilvusWorkload.Writer ormAutoIdWriter = ormAutoId.startWriter(throughProxy, Api.ORM, 1, 23,
              PyMilvusWorkload.Pace.STEADY, writers, false)) {
        writer.awaitOperations(5, Duration.ofMinutes(1));
        run.control().submit(null, "lite");
        JobStatus syncing = run.control().awaitStatus("syncing", SNAPSHOT, s -> s.getStage() == JobStage.SYNCING
            || s.getState() != JobState.IN_PROGRESS);
        assertThat(syncing.getState()).as("%s %s", syncing.getReason(), syncing.getErrorDetails())
            .isEqualTo(JobState.IN_PROGRESS);
        writer.awaitOperations(writer.operations() + 40, Duration.ofMinutes(2));
        run.stopCaptureAndSink();
        writer.awaitOperations(writer.operations() + 40, Duration.ofMinutes(2));
        run.startCaptureAndSink();
        writer.awaitOperations(writer.operations() + 60, Duration.ofMinutes(2));
        ormWriter.awaitCalls(ORM_CALLS, Duration.ofMinutes(2));
        ormAutoIdWriter.awaitCalls(ORM_AUTO_ID_CALLS, Duration.ofMinutes(2));
        String stats = writer.stop();
        String ormStats = ormWriter.stop();
        String ormAutoIdStats = ormAutoIdWriter.stop();
        run.control().awaitNotification("lag below 10 s", n -> n.getKind() == NotificationKind.LAG_BELOW_THRESHOLD);
        run.control().stopSync(true);
        JobStatus end = run.control().awaitStatus("ended after stop-sync", Duration.ofMinutes(4),
            s -> s.getState() != JobState.IN_PROGRESS);
        System.out.printf("pymilvus writers through the capture-proxy: MilvusClient %s; ORM %s; ORM auto-id %s;"
            + " job %s%n", stats, ormStats, ormAutoIdStats, end.getState());
        assertThat(end.getState()).as("%s %s", end.getReason(), end.getErrorDetails()).isEqualTo(JobState.SUCCESSFUL);
      }
      // A job through a proxy may be cut over: the target's collections must answer reads at once.
      try (MilvusData onTarget = new MilvusData(target.uri()).use(database)) {
        for (PyMilvusWorkload workload : List.of(client, orm, ormAutoId)) {
          assertThat(onTarget.isLoaded(workload.collection())).as("%s loaded on the target", workload.collection())
              .isTrue();
        }
      }
      for (PyMilvusWorkload workload : List.of(client, orm, ormAutoId)) {
        PyMilvusWorkload.Comparison comparison = workload.compare(source.uri(), target.uri());
        assertThat(comparison.equal()).as("%s: %s", workload.collection(), comparison.summary()).isTrue();
      }
    } finally {
      MilvusData.dropEverywhere(database, source.uri(), target.uri());
    }
  }

  /**
   * A Milvus 2.3.5 standalone whose log is in its embedded RocksMQ (which no one outside can read):
   * Java SDK applications write through the proxy (inserts, hot-key upserts, deletes by ids, which
   * 2.3.5 answers without naming the keys), and create a database and a collection during the sync.
   * Capture and sink are replaced mid-sync; the Milvus Lite 3.2.2 target ends equal, entity by entity.
   */
  @Test
  void javaSdkWritersThroughTheProxyEndWithTheTargetEqualToA235SourceOnRocksMq() throws Exception {
    MilvusLiteServer target = ExtraMilvusLite.get("proxied-target");
    String database = Names.unique("rocks");
    String later = database + "_later";
    try (MilvusStandaloneServer source = MilvusStandaloneServer.start(PythonMilvusEnvironment.shared(),
        StandaloneOptions.onRocksMq());
        ZeroDowntimeRun run = new ZeroDowntimeRun(database, source.uri(), null, target.uri(), lagState);
        PassThroughServer proxy = PassThroughServer.start(proxyConfig(run, source.uri()), new SimpleMeterRegistry())) {
      String throughProxy = "http://127.0.0.1:" + proxy.port();
      try (MilvusData data = new MilvusData(throughProxy).database(database)) {
        data.create("items", LiveWriter.itemSchema());
        data.insert("items", MilvusData.rows(300, i -> LiveWriter.item((long) i + 1, 0)));
        data.load("items");
      }
      try (MilvusData writes = new MilvusData(throughProxy).use(database);
          LiveWriter items = new LiveWriter(writes.client(), "items", 10_000, 42, LiveWriter::item).start()) {
        awaitOperations(items, 5);
        run.control().submit(null, "lite");
        JobStatus syncing = run.control().awaitStatus("syncing", SNAPSHOT, s -> s.getStage() == JobStage.SYNCING
            || s.getState() != JobState.IN_PROGRESS);
        assertThat(syncing.getState()).as("%s %s", syncing.getReason(), syncing.getErrorDetails())
            .isEqualTo(JobState.IN_PROGRESS);
        try (MilvusData created = new MilvusData(throughProxy).database(later)) {
          created.create("late", LiveWriter.itemSchema());
          created.load("late");
          try (LiveWriter late = new LiveWriter(created.client(), "late", 1, 7, LiveWriter::item).start()) {
            awaitOperations(items, items.operations() + 40);
            run.stopCaptureAndSink();
            awaitOperations(items, items.operations() + 40);
            run.startCaptureAndSink();
            awaitOperations(items, items.operations() + 60);
            awaitOperations(late, 60);
          }
        }
        items.close();
        run.control().awaitNotification("lag below 10 s", n -> n.getKind() == NotificationKind.LAG_BELOW_THRESHOLD);
        run.control().stopSync(true);
        JobStatus end = run.control().awaitStatus("ended after stop-sync", Duration.ofMinutes(4),
            s -> s.getState() != JobState.IN_PROGRESS);
        assertThat(end.getState()).as("%s %s", end.getReason(), end.getErrorDetails()).isEqualTo(JobState.SUCCESSFUL);
      }
      for (String[] collection : List.of(new String[] {database, "items"}, new String[] {later, "late"})) {
        try (MilvusData from = new MilvusData(source.uri()).use(collection[0]);
            MilvusData to = new MilvusData(target.uri()).use(collection[0])) {
          from.load(collection[1]);
          to.load(collection[1]);
          new MigratedCollection(from, to, collection[1]).hasSameEntities(from.count(collection[1]));
        }
      }
    } finally {
      try (MilvusData onTarget = new MilvusData(target.uri())) {
        List.of(database, later).stream().filter(onTarget.databases()::contains).forEach(onTarget::dropDatabase);
      }
    }
  }

  private static void awaitOperations(LiveWriter writer, int operations) {
    await(operations + " writes").atMost(Duration.ofMinutes(2)).until(() -> writer.operations() >= operations);
  }

  /** Without a capture-proxy recording the source's writes, the job fails at once, saying how to start one. */
  @Test
  void aJobWhoseProxyNeverRecordedFailsNamingWhatToStart(MilvusStandaloneServer target) throws Exception {
    MilvusLiteServer source = ExtraMilvusLite.get("proxied-source");
    String name = Names.unique("unproxied");
    try (ZeroDowntimeRun run = new ZeroDowntimeRun(name, source.uri(), null, target.uri(), lagState)) {
      run.control().submit(null, "nobody");

      JobStatus end = run.control().awaitStatus("failed", SNAPSHOT, s -> s.getState() != JobState.IN_PROGRESS);

      assertThat(end.getState()).isEqualTo(JobState.FAILED);
      assertThat(end.getReason()).contains("No capture-proxy has recorded the writes of source 'nobody' (topic e2e-"
          + name + ".proxy.nobody.changes is missing or empty): start one with `milvus-migrate proxy --source-id"
          + " nobody`, point the applications at it, then start the job.");
    }
  }

  private static ProxyConfig proxyConfig(ZeroDowntimeRun run, String source) {
    return ProxyConfig.of(Map.of(), Map.of(), Map.of("kafka.bootstrap", run.kafka().get("kafka.bootstrap"),
        "kafka.topic-prefix", run.kafka().get("kafka.topic-prefix"), "source.uri", source,
        "proxy.listen", "127.0.0.1:0", "proxy.source-id", "lite"));
  }
}
