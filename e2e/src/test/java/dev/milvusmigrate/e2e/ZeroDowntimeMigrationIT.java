package dev.milvusmigrate.e2e;

import static dev.milvusmigrate.e2e.Rows.varchar;
import static dev.milvusmigrate.e2e.Rows.vector;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.gson.JsonObject;
import dev.milvusmigrate.cli.InProcessCli;
import dev.milvusmigrate.core.domain.JobId;
import dev.milvusmigrate.core.domain.TopicNames;
import dev.milvusmigrate.kafka.KafkaClients;
import dev.milvusmigrate.kafka.TopicProvisioner;
import dev.milvusmigrate.schemas.avro.JobStage;
import dev.milvusmigrate.schemas.avro.JobState;
import dev.milvusmigrate.schemas.avro.JobStatus;
import dev.milvusmigrate.schemas.avro.Notification;
import dev.milvusmigrate.schemas.avro.NotificationKind;
import dev.milvusmigrate.schemas.avro.VerificationMethod;
import dev.milvusmigrate.schemas.avro.VerificationReport;
import dev.milvusmigrate.testkit.kafka.JsonContracts;
import dev.milvusmigrate.testkit.kafka.KafkaBroker;
import dev.milvusmigrate.testkit.kafka.KafkaConsoleTools;
import dev.milvusmigrate.testkit.kafka.TextRecords;
import dev.milvusmigrate.testkit.milvus.MilvusStandaloneExtension;
import dev.milvusmigrate.testkit.milvus.MilvusStandaloneServer;
import dev.milvusmigrate.testkit.milvus.PythonMilvusEnvironment;
import dev.milvusmigrate.testkit.milvus.StandaloneOptions;
import dev.milvusmigrate.testkit.python.PyMilvus;
import dev.milvusmigrate.testkit.python.PyMilvusWorkload;
import io.milvus.v2.common.DataType;
import io.milvus.v2.service.collection.request.CreateCollectionReq;
import io.milvus.v2.service.collection.request.RenameCollectionReq;
import io.milvus.v2.service.vector.request.DeleteReq;
import io.milvus.v2.service.vector.request.UpsertReq;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
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
 * entity by entity, read back through the SDK on both sides. Also: the below-10 s notification,
 * forbidden DDL, a rejected unconfirmed stop-sync, cancel and the maximum sync duration.
 */
@Timeout(value = 12, unit = TimeUnit.MINUTES)
@ExtendWith(MilvusStandaloneExtension.class)
class ZeroDowntimeMigrationIT {

  private static final int DIM = 8;
  private static final Duration SNAPSHOT = Duration.ofMinutes(3);
  /**
   * The live verification's key limits set very low: 100 baseline keys (a collection of 200 is past
   * it, two of 20 are not) and 30 changed keys; a sample of 5 keys, which the baseline rechecks.
   */
  private static final Map<String, String> KEY_LIMITS = Map.of("sink.verify.live.max-keys", "100",
      "sink.verify.live.max-changed-keys", "30", "sink.verify.sample-size", "5", "sink.verify.highest-keys", "0");
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
    String database = Names.unique("zdm");
    try (MilvusData data = new MilvusData(source.uri()).database(database)) {
      data.create("items", schema());
      data.insert("items", MilvusData.rows(600, i -> LiveWriter.item((long) i + 1, 0)));
      data.create("labels", labelsSchema());
      data.insert("labels", MilvusData.rows(50, i -> label("label-" + i, 0)));
      // items is loaded, as collections that applications read are; labels stays released: the live
      // verification loads it for the sync and releases it again after the job's verification.
      data.load("items");
    }
    try (ZeroDowntimeRun run = run(database, target);
        MilvusData writes = new MilvusData(source.uri()).use(database);
        LiveWriter items = new LiveWriter(writes.client(), "items", 10_000, 42, LiveWriter::item)) {
      items.start();
      run.control().submit(null);
      JobStatus syncing = run.control().awaitStatus("syncing", SNAPSHOT, s -> s.getStage() == JobStage.SYNCING
          || s.getState() != JobState.IN_PROGRESS);
      assertThat(syncing.getState()).as("%s %s", syncing.getReason(), syncing.getErrorDetails())
          .isEqualTo(JobState.IN_PROGRESS);
      int atSync = items.operations();
      assertThat(atSync).as("writes made during the snapshot").isPositive();

      writes.create("late", schema());
      writes.load("late");
      try (LiveWriter late = new LiveWriter(writes.client(), "late", 1, 7, LiveWriter::item).start()) {
        awaitOperations(items, atSync + 60);
        run.stopCaptureAndSink();
        int whileDown = items.operations();
        awaitOperations(items, whileDown + 60);
        run.startCaptureAndSink();
        rewriteLabels(writes);
        awaitOperations(items, items.operations() + 100);
        awaitOperations(late, 100);
      }
      items.close();

      Notification caughtUp = run.control().awaitNotification("lag below 10 s",
          n -> n.getKind() == NotificationKind.LAG_BELOW_THRESHOLD);
      assertThat(caughtUp.getLagMs()).isLessThan(10_000L);
      assertThat(run.control().lagReports()).as("lag reports of the job").isNotEmpty()
          .allSatisfy(report -> assertThat(report.getLagMs()).isNotNegative());
      await("live verification baseline of the restarted sink").atMost(Duration.ofMinutes(1))
          .until(() -> run.liveBaselines() >= 1);
      long stopSent = System.nanoTime();
      run.control().stopSync(true);
      JobStatus end = run.control().awaitStatus("ended after stop-sync", Duration.ofMinutes(2),
          s -> s.getState() != JobState.IN_PROGRESS);
      System.out.printf("STOP_SYNC -> %s in %d ms with a released collection among three%n", end.getState(),
          (System.nanoTime() - stopSent) / 1_000_000);
      assertThat(end.getState()).as("%s %s", end.getReason(), end.getErrorDetails()).isEqualTo(JobState.SUCCESSFUL);
      assertThat(end.getCollections()).extracting(c -> c.getCollection()).contains("items", "labels", "late");
      assertThat(reportsOf(run, database, 3)).as("verified from the live baseline and the changes since")
          .allSatisfy(report -> {
            assertThat(report.getMethod()).isEqualTo(VerificationMethod.CHANGES_SINCE_BASELINE);
            assertThat(report.getPassed()).isTrue();
            assertThat(report.getSourceDistinctKeys()).isEqualTo(report.getSourceCount());
          }).anySatisfy(report -> assertThat(report.getKeysRechecked()).isPositive());
    }

    try (MilvusData from = new MilvusData(source.uri()).use(database);
        MilvusData to = new MilvusData(target.uri()).use(database)) {
      await("the released source collection released again").atMost(Duration.ofMinutes(1))
          .until(() -> !from.isLoaded("labels"));
      assertThat(to.collections()).containsExactlyInAnyOrder("items", "labels", "late");
      for (String collection : List.of("items", "labels", "late")) {
        from.load(collection);
        to.load(collection);
        new MigratedCollection(from, to, collection).hasSameSchema().hasSameEntities(from.count(collection));
      }
    }
  }

  /**
   * {@code milvus-migrate zdm --database}: the source has a second database, whose collection is
   * dropped while the job syncs (DDL that fails a job of every database). The job copies and syncs
   * its own database while a writer writes to it, ends SUCCESSFUL after stop-sync, and the other
   * database never reaches the target.
   */
  @Test
  void zdmOfOneDatabaseIgnoresTheOthersAndTheirDdl(MilvusStandaloneServer target) throws Exception {
    String database = Names.unique("scoped");
    String other = database + "_other";
    for (String name : List.of(database, other)) {
      try (MilvusData data = new MilvusData(source.uri()).database(name)) {
        data.create("items", schema());
        data.insert("items", MilvusData.rows(300, i -> LiveWriter.item((long) i + 1, 0)));
      }
    }
    String bootstrap = KafkaBroker.shared().bootstrapServers();
    TopicNames topics = new TopicNames("e2e-" + database);
    new TopicProvisioner(new KafkaClients(bootstrap, Map.of()), topics, (short) 1).ensureSharedTopics();
    try (JobControl control = new JobControl(bootstrap, topics, new JobId(database), source.uri(), target.uri());
        MilvusData writes = new MilvusData(source.uri()).use(database);
        LiveWriter items = new LiveWriter(writes.client(), "items", 10_000, 42, LiveWriter::item)) {
      items.start();
      CompletableFuture<InProcessCli.Run> zdm = CompletableFuture.supplyAsync(() -> InProcessCli.run("zdm",
          "--source", source.uri(), "--target", target.uri(), "--source-wal-kafka", bootstrap,
          "--source-wal-prefix", source.clusterPrefix(), "--database", database, "--job-id", database,
          "--kafka", bootstrap, "--topic-prefix", topics.prefix()));
      await("job syncing or the command ended").atMost(SNAPSHOT).until(() -> zdm.isDone()
          || (control.newestStatus() != null && control.newestStatus().getStage() == JobStage.SYNCING));
      assertThat(zdm).as("the command still runs: %s", zdm.isDone() ? zdm.join() : "").isNotDone();
      try (MilvusData others = new MilvusData(source.uri()).use(other)) {
        others.dropCollection("items");
      }
      awaitOperations(items, items.operations() + 60);
      items.close();
      control.awaitNotification("lag below 10 s", n -> n.getKind() == NotificationKind.LAG_BELOW_THRESHOLD);

      control.stopSync(true);
      InProcessCli.Run run = zdm.get(5, TimeUnit.MINUTES);
      assertThat(run.exitCode()).as(run.everything()).isZero();
      assertThat(run.out()).contains("zero-downtime migration of database " + database).contains("SUCCESSFUL");
    }
    try (MilvusData from = new MilvusData(source.uri()).use(database);
        MilvusData to = new MilvusData(target.uri())) {
      assertThat(to.databases()).contains(database).doesNotContain(other);
      to.use(database).load("items");
      from.load("items");
      new MigratedCollection(from, to, "items").hasSameSchema().hasSameEntities(from.count("items"));
    } finally {
      MilvusData.dropEverywhere(database, source.uri(), target.uri());
      MilvusData.dropEverywhere(other, source.uri(), target.uri());
    }
  }

  /**
   * Applications written with pymilvus (the client most applications use) keep writing during the
   * snapshot and the sync, to a loaded collection and to a released one: every field type the
   * source stores (ARRAY of eight element types, JSON, a dynamic field), bursts of hundreds of rows,
   * hot-key upserts, upserts and re-inserts that move a key to another partition, deletes by ids,
   * by filter and from one partition. Capture and sink are replaced mid-sync. The job ends
   * SUCCESSFUL and pymilvus finds the target equal to the source partition by partition, field by
   * field. Also prints how long stop-sync took with the released collection among them.
   */
  @Test
  void pymilvusWritersDuringSnapshotAndSyncEndWithTheTargetEqualPartitionByPartition(MilvusStandaloneServer target,
      @TempDir Path writers) throws Exception {
    String database = Names.unique("py");
    List<String> partitions = List.of("p_north", "p_south");
    PyMilvusWorkload loaded = new PyMilvusWorkload(database, "rich", partitions);
    PyMilvusWorkload released = new PyMilvusWorkload(database, "dormant", partitions);
    loaded.create(source.uri(), 900, false);
    released.create(source.uri(), 300, true);
    try {
      migrateWhilePymilvusWrites(database, loaded, released, target, writers);
    } finally {
      dropEverywhere(database, target);
    }
  }

  private void migrateWhilePymilvusWrites(String database, PyMilvusWorkload loaded, PyMilvusWorkload released,
      MilvusStandaloneServer target, Path writers) throws Exception {
    // The export runs unpaced, as by default: a paced export of collections that busy writers keep
    // growing chases them (2.3.5 reads at or after T), and the snapshot took past 3 minutes here.
    try (ZeroDowntimeRun run = new ZeroDowntimeRun(database, source.uri(), source.clusterPrefix(), target.uri(),
        lagState, Map.of(), Map.of("exporter.max-bytes-per-second", "0"));
        PyMilvusWorkload.Writer richWriter = loaded.startWriter(source.uri(), 100_000, 11, PyMilvusWorkload.Pace.BUSY,
            writers, false);
        PyMilvusWorkload.Writer dormantWriter = released.startWriter(source.uri(), 100_000, 12,
            PyMilvusWorkload.Pace.BUSY, writers, false)) {
      richWriter.awaitOperations(5, Duration.ofMinutes(1));
      run.control().submit(null);
      JobStatus syncing = run.control().awaitStatus("syncing", SNAPSHOT, s -> s.getStage() == JobStage.SYNCING
          || s.getState() != JobState.IN_PROGRESS);
      assertThat(syncing.getState()).as("%s %s", syncing.getReason(), syncing.getErrorDetails())
          .isEqualTo(JobState.IN_PROGRESS);
      int atSync = richWriter.operations();
      richWriter.awaitOperations(atSync + 40, Duration.ofMinutes(2));
      run.stopCaptureAndSink();
      richWriter.awaitOperations(richWriter.operations() + 40, Duration.ofMinutes(2));
      run.startCaptureAndSink();
      richWriter.awaitOperations(richWriter.operations() + 60, Duration.ofMinutes(2));
      String richStats = richWriter.stop();
      String dormantStats = dormantWriter.stop();
      run.control().awaitNotification("lag below 10 s", n -> n.getKind() == NotificationKind.LAG_BELOW_THRESHOLD);

      long stopSent = System.nanoTime();
      run.control().stopSync(true);
      // The paced export of a collection both writers filled may still run (2.3.5 reads at or after T,
      // so the export also reads rows written since); on a loaded machine it took past 3 minutes.
      JobStatus end = run.control().awaitStatus("ended after stop-sync", Duration.ofMinutes(6),
          s -> s.getState() != JobState.IN_PROGRESS);
      long stopMs = (System.nanoTime() - stopSent) / 1_000_000;
      assertThat(end.getState()).as("%s %s", end.getReason(), end.getErrorDetails()).isEqualTo(JobState.SUCCESSFUL);
      List<VerificationReport> reports = reportsOf(run, database, 2);
      System.out.printf("pymilvus writers: rich %s, dormant %s; STOP_SYNC -> %s in %d ms; reports %s%n", richStats,
          dormantStats, end.getState(), stopMs, reports.stream().map(r -> r.getCollection() + " " + r.getMethod()).toList());
      assertThat(reports).extracting(r -> r.getCollection()).containsExactlyInAnyOrder("rich", "dormant");
    }
    for (PyMilvusWorkload collection : List.of(loaded, released)) {
      PyMilvusWorkload.Comparison comparison = collection.compare(source.uri(), target.uri());
      assertThat(comparison.equal()).as("%s: %s", collection.collection(), comparison.summary()).isTrue();
    }
  }

  /**
   * A copy of an entity written into a second partition of the target behind the pipeline's back
   * (what the earlier fold left behind after a delete and a re-insert elsewhere) fails the job.
   */
  @Test
  void anEntityResurrectedInAnotherPartitionOfTheTargetFailsTheJob(MilvusStandaloneServer target) throws Exception {
    String database = Names.unique("twice");
    PyMilvusWorkload data = new PyMilvusWorkload(database, "rich", List.of("p_north"));
    data.create(source.uri(), 60, false);
    try (ZeroDowntimeRun run = run(database, target)) {
      run.control().submit(null);
      run.control().awaitStatus("syncing", SNAPSHOT, s -> s.getStage() == JobStage.SYNCING);
      await("live verification baseline").atMost(Duration.ofMinutes(1)).until(() -> run.liveBaselines() >= 1);
      // workload.py spreads keys over _default and p_north by key % 2: key 5 lives in p_north only.
      data.put(target.uri(), "_default", 0, 5);

      run.control().stopSync(true);

      JobStatus end = run.control().awaitStatus("ended after stop-sync", Duration.ofMinutes(2),
          s -> s.getState() != JobState.IN_PROGRESS);
      assertThat(end.getState()).isEqualTo(JobState.FAILED);
      assertThat(reportsOf(run, database, 1)).singleElement().satisfies(report -> {
            assertThat(report.getPassed()).isFalse();
            assertThat(report.getUnexpectedInTarget()).isEqualTo(1);
            assertThat(report.getExampleKeys()).contains("unexpected in target: 5 (partition _default)");
          });
    } finally {
      // A re-copy by a later job (which copies every database) cannot remove the foreign copy.
      dropEverywhere(database, target);
    }
  }

  /**
   * A source that holds a key in two partitions (Milvus 2.3 keeps the old copy when an insert or
   * upsert writes a key into another partition) is verified from the live baseline, partition by
   * partition: stop-sync does not fall back to the full scan. Prints how long stop-sync took.
   */
  @Test
  void aSourceHoldingAKeyInTwoPartitionsIsVerifiedFromTheLiveBaseline(MilvusStandaloneServer target)
      throws Exception {
    String database = Names.unique("twin");
    PyMilvusWorkload data = new PyMilvusWorkload(database, "rich", List.of("p_north"));
    data.create(source.uri(), 60, false);
    // workload.py spreads keys over _default and p_north by key % 2: keys 5 and 7 live in p_north.
    data.put(source.uri(), "_default", 0, 5);
    try (ZeroDowntimeRun run = run(database, target)) {
      run.control().submit(null);
      run.control().awaitStatus("syncing", SNAPSHOT, s -> s.getStage() == JobStage.SYNCING);
      await("live verification baseline").atMost(Duration.ofMinutes(1)).until(() -> run.liveBaselines() >= 1);
      data.put(source.uri(), "_default", 1, 7);

      long stopSent = System.nanoTime();
      run.control().stopSync(true);

      JobStatus end = run.control().awaitStatus("ended after stop-sync", Duration.ofMinutes(2),
          s -> s.getState() != JobState.IN_PROGRESS);
      System.out.printf("STOP_SYNC -> %s in %d ms with keys held in two partitions of the source%n", end.getState(),
          (System.nanoTime() - stopSent) / 1_000_000);
      assertThat(end.getState()).as("%s %s", end.getReason(), end.getErrorDetails()).isEqualTo(JobState.SUCCESSFUL);
      assertThat(reportsOf(run, database, 1)).singleElement().satisfies(report -> {
        assertThat(report.getMethod()).isEqualTo(VerificationMethod.CHANGES_SINCE_BASELINE);
        assertThat(report.getPassed()).isTrue();
        assertThat(report.getSourceCount()).as("rows, the two copies of keys 5 and 7 included")
            .isEqualTo(report.getSourceDistinctKeys()).isEqualTo(report.getTargetCount());
        assertThat(report.getKeysRechecked()).isPositive();
      });
      PyMilvusWorkload.Comparison comparison = data.compare(source.uri(), target.uri());
      assertThat(comparison.equal()).as(comparison.summary()).isTrue();
    } finally {
      dropEverywhere(database, target);
    }
  }

  /** Later jobs copy every database of the source: a large or deliberately broken one would weigh on them. */
  /**
   * The aliases an application created with pymilvus on the source reach the target at the
   * cutover: none while the job syncs, all of them, pointing at the migrated collections, once
   * stop-sync ended the job SUCCESSFUL, when applications switch to the target.
   */
  @Test
  void aliasesArriveOnTheTargetAtTheCutover(MilvusStandaloneServer target) throws Exception {
    String database = Names.unique("aliased");
    PyMilvus python = PyMilvus.shared();
    Path script = PyMilvus.script("aliases.py");
    Duration call = Duration.ofMinutes(3);
    python.run(script, call, "create", "--uri", source.uri(), "--db", database);
    try (ZeroDowntimeRun run = run(database, target)) {
      run.control().submit(null);
      run.control().awaitStatus("syncing", SNAPSHOT, s -> s.getStage() == JobStage.SYNCING);
      assertThat(python.run(script, call, "show", "--uri", target.uri(), "--db", database).strip())
          .as("aliases on the target while syncing").isEqualTo("{}");

      run.control().stopSync(true);

      JobStatus end = run.control().awaitStatus("ended after stop-sync", Duration.ofMinutes(2),
          s -> s.getState() != JobState.IN_PROGRESS);
      assertThat(end.getState()).as("%s %s", end.getReason(), end.getErrorDetails()).isEqualTo(JobState.SUCCESSFUL);
      assertThat(python.run(script, call, "show", "--uri", target.uri(), "--db", database).strip())
          .isEqualTo("{\"d_alias\": \"d_parts\", \"e_alias\": \"e_idx\", \"e_latest\": \"e_idx\"}");
      assertThat(reportsOf(run, database, 2)).flatExtracting(VerificationReport::getFindings)
          .contains("aliases on the target: " + database + ".e_alias, " + database + ".e_latest.",
              "aliases on the target: " + database + ".d_alias.");
    } finally {
      python.run(script, call, "drop", "--uri", source.uri(), "--db", database);
      python.run(script, call, "drop", "--uri", target.uri(), "--db", database);
    }
  }

  /**
   * A zero-downtime job copies every database of its source (the job's database does not scope
   * it), so the key-limit tests, whose limits count every collection, first drop what earlier tests
   * of this class left on the shared source: a collection of theirs would use up the limits, and
   * one dropped while the job syncs would never be verified.
   */
  private static void dropOtherDatabasesOnTheSource() {
    try (MilvusData onSource = new MilvusData(source.uri())) {
      onSource.databases().stream().filter(database -> !database.equals("default")).forEach(onSource::dropDatabase);
    }
  }

  private static void dropEverywhere(String database, MilvusStandaloneServer target) {
    for (String server : List.of(source.uri(), target.uri())) {
      try (MilvusData onServer = new MilvusData(server)) {
        onServer.dropDatabase(database);
      }
    }
  }

  @Test
  void anEntityLostFromTheTargetBehindThePipelinesBackFailsTheVerificationAtStopSync(MilvusStandaloneServer target)
      throws Exception {
    String database = Names.unique("lost");
    createItems(database, "kept", 20, true);
    // No sampled entities, so that only the counts at cutover can tell the entity is gone.
    assertKeyLostOnTheTargetFailsTheJob(database, "kept", target,
        Map.of("sink.verify.sample-size", "0", "sink.verify.highest-keys", "0"));
  }

  /**
   * The live verification keeps at most {@code sink.verify.live.max-keys} baseline keys and {@code
   * max-changed-keys} changed keys in memory, set very low here: "big" (200 entities) is past the
   * first, "hot" (written to during the sync) past the second, and both get the full verification
   * at stop-sync, which streams; "small" stays verified from the live baseline. The job succeeds.
   */
  @Test
  void collectionsPastTheLiveVerificationsKeyLimitsGetTheFullVerificationAndTheJobSucceeds(
      MilvusStandaloneServer target) throws Exception {
    String database = Names.unique("capped");
    dropOtherDatabasesOnTheSource();
    createItems(database, "big", 200, true);
    createItems(database, "small", 20, true);
    createItems(database, "hot", 20, true);
    try (ZeroDowntimeRun run = new ZeroDowntimeRun(database, source.uri(), source.clusterPrefix(), target.uri(),
        lagState, KEY_LIMITS);
        MilvusData writes = new MilvusData(source.uri()).use(database)) {
      run.control().submit(null);
      run.control().awaitStatus("syncing", SNAPSHOT, s -> s.getStage() == JobStage.SYNCING);
      await("live verification baseline").atMost(Duration.ofMinutes(1)).until(() -> run.liveBaselines() >= 1);
      try (LiveWriter hot = new LiveWriter(writes.client(), "hot", 1_000, 11, LiveWriter::item).start()) {
        awaitOperations(hot, 100);
      }
      writes.client().upsert(UpsertReq.builder().collectionName("small")
          .data(List.of(LiveWriter.item(3L, 1), LiveWriter.item(4L, 1))).build());

      run.control().stopSync(true);

      JobStatus end = run.control().awaitStatus("ended after stop-sync", Duration.ofMinutes(2),
          s -> s.getState() != JobState.IN_PROGRESS);
      assertThat(end.getState()).as("%s %s", end.getReason(), end.getErrorDetails()).isEqualTo(JobState.SUCCESSFUL);
      Map<String, VerificationReport> reports = reportsOf(run, database, 3).stream()
          .collect(Collectors.toMap(VerificationReport::getCollection, r -> r));
      assertThat(reports).allSatisfy((collection, report) -> assertThat(report.getPassed()).isTrue());
      assertThat(reports.get("big").getMethod()).as("past max-keys").isEqualTo(VerificationMethod.FULL_SCAN);
      assertThat(reports.get("hot").getMethod()).as("past max-changed-keys").isEqualTo(VerificationMethod.FULL_SCAN);
      assertThat(reports.get("small").getMethod()).isEqualTo(VerificationMethod.CHANGES_SINCE_BASELINE);
      assertThat(reports.get("big").getSourceDistinctKeys()).isEqualTo(200);
    } finally {
      dropEverywhere(database, target);
    }
  }

  /** An entity lost from the target in a collection past the live verification's key limit fails the job. */
  @Test
  void anEntityLostFromACollectionPastTheKeyLimitFailsTheJobNamingIt(MilvusStandaloneServer target)
      throws Exception {
    String database = Names.unique("cappedlost");
    dropOtherDatabasesOnTheSource();
    createItems(database, "big", 200, true);
    assertKeyLostOnTheTargetFailsTheJob(database, "big", target, KEY_LIMITS);
  }

  /**
   * Deletes key 3 of the collection on the target behind the pipeline's back once the live
   * verification has its baseline: the full scan at stop-sync names it and the job (of that
   * database only) fails. Drops the database on both servers afterwards.
   */
  private void assertKeyLostOnTheTargetFailsTheJob(String database, String collection, MilvusStandaloneServer target,
      Map<String, String> sinkSettings) throws Exception {
    try (ZeroDowntimeRun run = new ZeroDowntimeRun(database, source.uri(), source.clusterPrefix(), target.uri(),
        lagState, sinkSettings)) {
      run.control().submit(null);
      run.control().awaitStatus("syncing", SNAPSHOT, s -> s.getStage() == JobStage.SYNCING);
      await("live verification baseline").atMost(Duration.ofMinutes(1)).until(() -> run.liveBaselines() >= 1);
      try (MilvusData onTarget = new MilvusData(target.uri()).use(database)) {
        onTarget.client().delete(DeleteReq.builder().collectionName(collection).ids(List.of(3L)).build());
      }

      run.control().stopSync(true);

      JobStatus end = run.control().awaitStatus("ended after stop-sync", Duration.ofMinutes(2),
          s -> s.getState() != JobState.IN_PROGRESS);
      assertThat(end.getState()).isEqualTo(JobState.FAILED);
      assertThat(reportsOf(run, database, 1)).singleElement().satisfies(report -> {
        assertThat(report.getMethod()).as("the counts disagreed, or the collection was past the key limits")
            .isEqualTo(VerificationMethod.FULL_SCAN);
        assertThat(report.getPassed()).isFalse();
        assertThat(report.getMissingInTarget()).isEqualTo(1);
        assertThat(report.getExampleKeys()).containsExactly("missing in target: 3");
      });
    } finally {
      dropEverywhere(database, target);
    }
  }

  @Test
  void aCollectionRenamedOnTheSourceDuringTheSyncFailsTheJobNamingTheOperation(MilvusStandaloneServer target)
      throws Exception {
    String database = Names.unique("ddl");
    createSmall(database, "watched");
    try (ZeroDowntimeRun run = run(database, target);
        MilvusData writes = new MilvusData(source.uri()).use(database)) {
      run.control().submit(null);
      run.control().awaitStatus("syncing", SNAPSHOT, s -> s.getStage() == JobStage.SYNCING);

      writes.client().renameCollection(RenameCollectionReq.builder().collectionName("watched")
          .newCollectionName("renamed").build());

      JobStatus failed = run.control().awaitStatus("failed", Duration.ofMinutes(1), s -> s.getState() != JobState.IN_PROGRESS);
      assertThat(failed.getState()).isEqualTo(JobState.FAILED);
      assertThat(failed.getReason()).contains("RenameCollection").contains(database + ".watched");
    }
  }

  @Test
  void anUnconfirmedStopSyncIsRejectedAndCancelStopsEveryServiceForTheJob(MilvusStandaloneServer target)
      throws Exception {
    String database = Names.unique("cancel");
    createSmall(database, "kept");
    try (ZeroDowntimeRun run = run(database, target)) {
      run.control().submit(null);
      run.control().awaitStatus("syncing", SNAPSHOT, s -> s.getStage() == JobStage.SYNCING);
      await("capture and sink running").atMost(Duration.ofMinutes(1))
          .until(() -> run.capture().isCapturing(run.control().job().value()) && run.sink().isSinking(run.control().job().value()));

      run.control().stopSync(false);
      Notification rejected = run.control().awaitNotification("stop-sync rejected", n -> n.getKind() == NotificationKind.ERROR);
      assertThat(rejected.getMessage()).contains("--confirm-writes-stopped");

      run.control().cancel();
      JobStatus canceled = run.control().awaitStatus("canceled", Duration.ofMinutes(1), s -> s.getState() != JobState.IN_PROGRESS);
      assertThat(canceled.getState()).isEqualTo(JobState.CANCELED);
      await("capture and sink stopped for the job").atMost(Duration.ofMinutes(1))
          .until(() -> !run.capture().isCapturing(run.control().job().value()) && !run.sink().isSinking(run.control().job().value()));
    }
  }

  /**
   * Issue 23: someone with only Kafka's own console tools follows the lag, gets an ERROR for a
   * command they mistyped and stops the sync; every record of the topics people read and write
   * validates against its JSON Schema.
   */
  @Test
  void kafkasOwnConsoleToolsFollowTheLagAndStopTheSync(MilvusStandaloneServer target) throws Exception {
    String database = Names.unique("plain");
    createSmall(database, "watched");
    try (ZeroDowntimeRun run = run(database, target)) {
      String bootstrap = KafkaBroker.shared().bootstrapServers();
      TopicNames topics = run.control().topics();
      String job = run.control().job().value();
      String keyed = job + KafkaConsoleTools.KEY_SEPARATOR;
      run.control().submit(null);
      run.control().awaitStatus("syncing", SNAPSHOT, s -> s.getStage() == JobStage.SYNCING);

      List<String> lag = KafkaConsoleTools.consume(bootstrap, topics.lag(), 3, Duration.ofMinutes(2));
      assertThat(lag).hasSize(3).allSatisfy(line -> assertThat(line)
          .startsWith(keyed + "{\"job_id\":\"" + job + "\",\"lag_ms\":"));

      String mistyped = "{\"command_id\": \"typo\", \"job_id\": \"" + job + "\", \"type\": \"STOP_SYNC\"";
      KafkaConsoleTools.produce(bootstrap, topics.control(), List.of(keyed + mistyped), Duration.ofMinutes(1));
      Notification rejected = run.control().awaitNotification("mistyped command rejected",
          n -> n.getKind() == NotificationKind.ERROR);
      assertThat(rejected.getMessage()).contains("not a milvus-migrate control command", "nothing was changed");
      assertThat(run.control().newestStatus().getState()).isEqualTo(JobState.IN_PROGRESS);

      KafkaConsoleTools.produce(bootstrap, topics.control(), List.of(keyed + "{\"command_id\": \"by-hand\","
          + " \"job_id\": \"" + job + "\", \"type\": \"STOP_SYNC\", \"writes_stopped_confirmed\": true,"
          + " \"requested_by\": \"ops\", \"issued_at\": " + System.currentTimeMillis() + "}"), Duration.ofMinutes(1));
      JobStatus end = run.control().awaitStatus("ended after stop-sync", Duration.ofMinutes(2),
          s -> s.getState() != JobState.IN_PROGRESS);
      assertThat(end.getState()).as("%s %s", end.getReason(), end.getErrorDetails()).isEqualTo(JobState.SUCCESSFUL);

      assertThat(KafkaConsoleTools.consume(bootstrap, topics.status(), 1, Duration.ofSeconds(30))).singleElement()
          .asString().startsWith(keyed + "{\"job_id\":\"" + job + "\",\"mode\":\"ZERO_DOWNTIME\",\"state\":");
      Map<String, String> contracts = Map.of(topics.lag(), "LagReport", topics.notifications(), "Notification",
          topics.status(), "JobStatus", topics.control(), "ControlCommand");
      contracts.forEach((topic, contract) -> assertThat(TextRecords.readToEnd(bootstrap, topic))
          .as("records of %s", topic).isNotEmpty()
          .filteredOn(record -> !record.value().equals(mistyped))
          .allSatisfy(record -> {
            assertThat(record.key()).isEqualTo(job);
            assertThat(JsonContracts.violations(contract, record.value())).as(record.value()).isEmpty();
          }));
    }
  }

  @Test
  void aSyncNeverStoppedEndsFailedAfterItsMaximumDuration(MilvusStandaloneServer target) throws Exception {
    String database = Names.unique("expire");
    createSmall(database, "waiting");
    try (ZeroDowntimeRun run = run(database, target)) {
      run.control().submit(Duration.ofSeconds(20).toMillis());

      JobStatus expired = run.control().awaitStatus("ended", Duration.ofMinutes(3), s -> s.getState() != JobState.IN_PROGRESS);

      assertThat(expired.getState()).isEqualTo(JobState.FAILED);
      assertThat(expired.getReason()).contains("maximum duration of 20s");
      await("capture and sink stopped for the job").atMost(Duration.ofMinutes(1))
          .until(() -> !run.capture().isCapturing(run.control().job().value()) && !run.sink().isSinking(run.control().job().value()));
    }
  }

  /** The job's verification reports of the database, once all expected were read (they precede the end status). */
  private static List<VerificationReport> reportsOf(ZeroDowntimeRun run, String database, int expected) {
    return await("verification reports of " + database).atMost(Duration.ofSeconds(30))
        .until(() -> run.control().verificationReports().stream().filter(r -> r.getDatabase().equals(database))
            .toList(), reports -> reports.size() >= expected);
  }

  private ZeroDowntimeRun run(String name, MilvusStandaloneServer target) {
    return new ZeroDowntimeRun(name, source.uri(), source.clusterPrefix(), target.uri(), lagState);
  }

  private static void createSmall(String database, String collection) {
    createItems(database, collection, 20, false);
  }

  /** A collection of {@code rows} items with keys 1..rows, loaded or not. */
  private static void createItems(String database, String collection, int rows, boolean loaded) {
    try (MilvusData data = new MilvusData(source.uri()).database(database)) {
      data.create(collection, schema());
      data.insert(collection, MilvusData.rows(rows, i -> LiveWriter.item((long) i + 1, 0)));
      if (loaded) {
        data.load(collection);
      }
    }
  }

  private static void rewriteLabels(MilvusData writes) {
    writes.client().upsert(UpsertReq.builder().collectionName("labels")
        .data(List.of(label("label-1", 1), label("label-2", 1), label("label-new", 1))).build());
    writes.client().delete(DeleteReq.builder().collectionName("labels").ids(List.of("label-3", "label-new")).build());
    writes.client().upsert(UpsertReq.builder().collectionName("labels").data(List.of(label("label-1", 2))).build());
  }

  private static void awaitOperations(LiveWriter writer, int operations) {
    await("writer past " + operations + " operations").atMost(Duration.ofMinutes(2))
        .until(writer::operations, done -> done >= operations);
  }

  private static CreateCollectionReq.CollectionSchema schema() {
    return LiveWriter.itemSchema();
  }

  private static CreateCollectionReq.CollectionSchema labelsSchema() {
    return SourceDatabase.schema(false, Rows.field("name", DataType.VarChar).isPrimaryKey(true).maxLength(32).build(),
        varchar("title", 64), vector("embedding", DIM));
  }

  private static JsonObject label(String name, int version) {
    JsonObject row = new JsonObject();
    row.addProperty("name", name);
    row.addProperty("title", name + " version " + version);
    row.add("embedding", Rows.vector(name.hashCode() + version, DIM));
    return row;
  }
}
