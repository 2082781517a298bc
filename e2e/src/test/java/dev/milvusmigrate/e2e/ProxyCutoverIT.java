package dev.milvusmigrate.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.milvusmigrate.cli.InProcessCli;
import dev.milvusmigrate.core.domain.MilvusEndpoint;
import dev.milvusmigrate.kafka.JobTopics;
import dev.milvusmigrate.kafka.KafkaClients;
import dev.milvusmigrate.kafka.TopicReader;
import dev.milvusmigrate.schemas.avro.CommandType;
import dev.milvusmigrate.schemas.avro.ControlCommand;
import dev.milvusmigrate.proxy.PassThroughServer;
import dev.milvusmigrate.proxy.ProxyConfig;
import dev.milvusmigrate.schemas.avro.JobStage;
import dev.milvusmigrate.schemas.avro.JobState;
import dev.milvusmigrate.schemas.avro.JobStatus;
import dev.milvusmigrate.schemas.avro.NotificationKind;
import dev.milvusmigrate.schemas.avro.ProxyChange;
import dev.milvusmigrate.schemas.avro.ProxyChangeKind;
import dev.milvusmigrate.testkit.milvus.ExtraMilvusLite;
import dev.milvusmigrate.testkit.milvus.MilvusLiteServer;
import dev.milvusmigrate.testkit.python.PyMilvusWorkload;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.milvus.v2.service.vector.request.DeleteReq;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cutover through the capture-proxy (docs/ARCHITECTURE.md, "Cutover through the proxy"): pymilvus
 * and Java SDK applications keep writing through the proxy into Milvus Lite 3.2.2 while a
 * zero-downtime job syncs to another Milvus Lite and is cut over. The writers are deterministic
 * (their writes depend on their seed only), so a third Milvus Lite on which the same writes are
 * replayed is the oracle of what a server must hold after every acknowledged write.
 */
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class ProxyCutoverIT {

  private static final Duration SNAPSHOT = Duration.ofMinutes(3);
  private static final String SOURCE_ID = "lite";
  private static final PyMilvusWorkload.Pace PACE = PyMilvusWorkload.Pace.STEADY;

  @TempDir
  Path lagState;

  /**
   * The proxy holds the writes, the job ends SUCCESSFUL, the proxy switches to the target and
   * releases them there: no write fails; the target holds exactly every write the applications were
   * answered for (before, during and after the cutover); the source holds none made after it.
   */
  @Test
  void applicationsKeepWritingThroughTheCutoverAndTheTargetHoldsEveryWrite(@TempDir Path writers)
      throws Exception {
    MilvusLiteServer source = ExtraMilvusLite.get("cutover-source");
    MilvusLiteServer target = ExtraMilvusLite.get("cutover-target");
    MilvusLiteServer reference = ExtraMilvusLite.get("cutover-reference");
    String database = Names.unique("cutover");
    PyMilvusWorkload before = new PyMilvusWorkload(database, "before", List.of("p_north"));
    PyMilvusWorkload after = new PyMilvusWorkload(database, "after", List.of("p_north"));
    Map<String, String> kafka;
    String job;
    try (ZeroDowntimeRun run = new ZeroDowntimeRun(database, source.uri(), null, target.uri(), lagState);
        PassThroughServer proxy = PassThroughServer.start(proxyConfig(run, source, target),
            new SimpleMeterRegistry())) {
      kafka = run.kafka();
      job = run.control().job().value();
      String throughProxy = "http://127.0.0.1:" + proxy.port();
      createCollections(throughProxy, database, before, after);
      int pythonOperations;
      int javaOperations;
      int afterOperations;
      Duration longestJavaWrite;
      try (PyMilvusWorkload.Writer python = before.startWriter(throughProxy, 100_000, 41, PACE, writers, false);
          MilvusData writes = new MilvusData(throughProxy).use(database);
          LiveWriter java = new LiveWriter(writes.client(), "items", 10_000, 42, LiveWriter::item).start()) {
        syncWhileWriting(run, python);

        Cutover cutover = cutOver(run);

        ProxyChange outcome = cutover.outcome();
        assertThat(outcome.getKind()).as(outcome.getDetail()).isEqualTo(ProxyChangeKind.SWITCHED);
        assertThat(outcome.getDetail()).isEqualTo(MilvusEndpoint.of(target.uri()).label());
        assertThat(cutover.cli().exitCode()).as("%s", cutover.cli()).isZero();
        assertThat(cutover.cli().out()).contains("The capture-proxy for source 'lite' now serves the target "
            + outcome.getDetail() + "; the applications keep their address.");
        assertThat(InProcessCli.run("status", job, "--kafka", kafka.get("kafka.bootstrap"), "--topic-prefix",
            kafka.get("kafka.topic-prefix")).out()).contains("Proxy:      The capture-proxy for source 'lite' serves"
            + " the target " + outcome.getDetail() + ".\n");
        InProcessCli.Run again = InProcessCli.run("zdm", "--source", source.uri(), "--target", reference.uri(),
            "--capture", "proxy", "--proxy-source-id", "lite", "--kafka", kafka.get("kafka.bootstrap"),
            "--topic-prefix", kafka.get("kafka.topic-prefix"));
        assertThat(again.exitCode()).as("a new job through the switched proxy: %s", again).isEqualTo(2);
        assertThat(again.err()).contains("The capture-proxy for source 'lite' serves the target " + outcome.getDetail()
            + " since the cutover of job " + job + " and records no writes any more");
        JobStatus end = run.control().newestStatus();
        assertThat(end.getState()).as("%s", end.getReason()).isEqualTo(JobState.SUCCESSFUL);
        try (PyMilvusWorkload.Writer afterSwitch = after.startWriter(throughProxy, 500_000, 43, PACE, writers,
            false)) {
          python.awaitOperations(python.operations() + 20, Duration.ofMinutes(2));
          afterSwitch.awaitOperations(20, Duration.ofMinutes(2));
          afterOperations = operations(afterSwitch.stop());
        }
        pythonOperations = operations(python.stop());
        java.close();
        javaOperations = java.operations();
        longestJavaWrite = java.longestOperation();
      }
      System.out.printf("Cutover through the proxy: pymilvus %d operations (and %d after the switch), Java SDK %d,"
          + " its longest operation %d ms%n", pythonOperations, afterOperations, javaOperations,
          longestJavaWrite.toMillis());

      createCollections(reference.uri(), database, before, after);
      assertEqual(after.compare(reference.uri(), source.uri()), "no write after the switch reached the source");
      before.replay(reference.uri(), 100_000, 41, PACE, pythonOperations, writers);
      after.replay(reference.uri(), 500_000, 43, PACE, afterOperations, writers);
      try (MilvusData onReference = new MilvusData(reference.uri()).use(database)) {
        new LiveWriter(onReference.client(), "items", 10_000, 42, LiveWriter::item).replay(javaOperations);
      }
      assertEqual(before.compare(reference.uri(), target.uri()), "the target holds every pymilvus write");
      assertEqual(after.compare(reference.uri(), target.uri()), "the target holds every write after the switch");
      try (MilvusData onReference = new MilvusData(reference.uri()).use(database);
          MilvusData onTarget = new MilvusData(target.uri()).use(database)) {
        onReference.load("items");
        onTarget.load("items");
        new MigratedCollection(onReference, onTarget, "items").hasSameEntities(onReference.count("items"));
      }

      assertThatThrownBy(() -> PassThroughServer.start(proxyConfig(kafka, source, null), new SimpleMeterRegistry()))
          .hasMessage("The cutover of job " + job + " switched the proxy for source 'lite' to the target "
              + MilvusEndpoint.of(target.uri()).label() + ", and it never serves the source again: set target.uri to"
              + " that target.");
      try (PassThroughServer restarted = PassThroughServer.start(proxyConfig(kafka, source, target),
          new SimpleMeterRegistry())) {
        after.put("http://127.0.0.1:" + restarted.port(), "_default", 1, 900_001L);
      }
      try (MilvusData onSource = new MilvusData(source.uri()).use(database);
          MilvusData onTarget = new MilvusData(target.uri()).use(database)) {
        assertThat(onTarget.keys("after", "_default")).as("a restarted proxy serves the target").contains(900_001L);
        assertThat(onSource.keys("after", "_default")).doesNotContain(900_001L);
      }
    } finally {
      MilvusData.dropEverywhere(database, source.uri(), target.uri(), reference.uri());
    }
  }

  /**
   * An entity removed from the target behind the pipeline's back fails the job's verification: the
   * proxy gives the cutover up, releases the held writes to the source and stays there. No write
   * fails, and the source holds every write the application was answered for.
   */
  @Test
  void aFailedVerificationSendsTheHeldWritesToTheSourceWhichTheProxyKeepsServing(@TempDir Path writers)
      throws Exception {
    MilvusLiteServer source = ExtraMilvusLite.get("cutover-source");
    MilvusLiteServer target = ExtraMilvusLite.get("cutover-target");
    MilvusLiteServer reference = ExtraMilvusLite.get("cutover-reference");
    String database = Names.unique("fallback");
    PyMilvusWorkload before = new PyMilvusWorkload(database, "before", List.of("p_north"));
    try (ZeroDowntimeRun run = new ZeroDowntimeRun(database, source.uri(), null, target.uri(), lagState);
        PassThroughServer proxy = PassThroughServer.start(proxyConfig(run, source, target),
            new SimpleMeterRegistry())) {
      String throughProxy = "http://127.0.0.1:" + proxy.port();
      before.create(throughProxy, 300, false);
      int operations;
      try (PyMilvusWorkload.Writer python = before.startWriter(throughProxy, 100_000, 51, PACE, writers, false)) {
        syncWhileWriting(run, python);
        try (MilvusData onTarget = new MilvusData(target.uri()).use(database)) {
          // Key 250 is one of the first rows, which the writer never touches (it rewrites keys 1-20 and its own).
          onTarget.client().delete(DeleteReq.builder().collectionName("before").ids(List.of(250L)).build());
        }

        Cutover cutover = cutOver(run);

        ProxyChange outcome = cutover.outcome();
        assertThat(outcome.getKind()).isEqualTo(ProxyChangeKind.CUTOVER_ABANDONED);
        assertThat(cutover.cli().exitCode()).as("%s", cutover.cli()).isEqualTo(1);
        assertThat(cutover.cli().out()).contains(outcome.getDetail());
        assertThat(outcome.getDetail()).startsWith("The cutover of job " + run.control().job() + " was given up"
            + " because job " + run.control().job() + " ended FAILED").endsWith("; the held writes went to the"
            + " source, which the proxy keeps serving.");
        assertThat(run.control().newestStatus().getState()).isEqualTo(JobState.FAILED);
        python.awaitOperations(python.operations() + 20, Duration.ofMinutes(2));
        operations = operations(python.stop());
      }

      before.create(reference.uri(), 300, false);
      before.replay(reference.uri(), 100_000, 51, PACE, operations, writers);
      assertEqual(before.compare(reference.uri(), source.uri()), "the source holds every write, held ones too");
    } finally {
      MilvusData.dropEverywhere(database, source.uri(), target.uri(), reference.uri());
    }
  }

  /**
   * The proxy killed with SIGKILL while it holds the writes (after its STOP_SYNC, before the job's
   * end): the restarted proxy finds the cutover open in its state topic, holds the writes before it
   * serves, carries the cutover on (the fence completes with its ticks), the job ends SUCCESSFUL (its
   * verification: the target equals the source, which nothing wrote to after the fence) and the
   * proxy switches to the target. The pymilvus writer's calls fail while the proxy is down, as with
   * any crashed server (it rides them out), and go on on the target.
   */
  @Test
  void aProxyKilledDuringTheHoldComesBackOnTheSideTheJobEndedOn(@TempDir Path work) throws Exception {
    MilvusLiteServer source = ExtraMilvusLite.get("cutover-source");
    MilvusLiteServer target = ExtraMilvusLite.get("cutover-target");
    String database = Names.unique("killed");
    PyMilvusWorkload workload = new PyMilvusWorkload(database, "rich", List.of("p_north"));
    try (ZeroDowntimeRun run = new ZeroDowntimeRun(database, source.uri(), null, target.uri(), lagState);
        ProxyProcess proxy = ProxyProcess.start(Map.of("kafka.bootstrap", run.kafka().get("kafka.bootstrap"),
            "kafka.topic-prefix", run.kafka().get("kafka.topic-prefix"), "source.uri", source.uri(),
            "target.uri", target.uri(), "cutover.max-hold", "120s", "proxy.source-id", SOURCE_ID), work)) {
      workload.create(proxy.uri(), 300, false);
      try (PyMilvusWorkload.Writer writer = workload.startWriter(proxy.uri(), 100_000, 61, PACE, work, true)) {
        syncWhileWriting(run, writer);
        run.control().cutover();
        await("the proxy's STOP_SYNC").atMost(Duration.ofMinutes(1)).until(() -> TopicReader.readAll(
            run.kafka().get("kafka.bootstrap"), run.control().topics().control(), ControlCommand.class).stream()
            .anyMatch(r -> r.value().getType() == CommandType.STOP_SYNC));

        proxy.kill();

        assertThat(stateTopic(run)).last().as("killed while it held the writes")
            .satisfies(last -> assertThat(last.getKind()).isEqualTo(ProxyChangeKind.CUTOVER_STARTED));
        proxy.restart();
        ProxyChange outcome = await("the restarted proxy's outcome").atMost(Duration.ofMinutes(3))
            .until(() -> stateTopic(run).stream().filter(c -> c.getKind() != ProxyChangeKind.CUTOVER_STARTED)
                .findFirst().orElse(null), c -> c != null);
        assertThat(outcome.getKind()).as(outcome.getDetail()).isEqualTo(ProxyChangeKind.SWITCHED);
        JobStatus end = run.control().awaitStatus("ended", Duration.ofMinutes(1),
            s -> s.getState() != JobState.IN_PROGRESS);
        assertThat(end.getState()).as("%s", end.getReason()).isEqualTo(JobState.SUCCESSFUL);
        writer.awaitOperations(writer.operations() + 20, Duration.ofMinutes(2));
        String stats = writer.stop();
        Matcher failed = Pattern.compile("\"failed\": (\\d+)").matcher(stats);
        assertThat(failed.find() && Integer.parseInt(failed.group(1)) > 0).as("writes refused while the proxy was"
            + " down: %s", stats).isTrue();
      }
      workload.put(proxy.uri(), "_default", 1, 900_001L);
      try (MilvusData onSource = new MilvusData(source.uri()).use(database);
          MilvusData onTarget = new MilvusData(target.uri()).use(database)) {
        onTarget.load("rich");
        assertThat(onTarget.keys("rich", "_default")).contains(900_001L);
        assertThat(onSource.keys("rich", "_default")).doesNotContain(900_001L);
      }
    } finally {
      MilvusData.dropEverywhere(database, source.uri(), target.uri());
    }
  }

  /** The proxy's state topic, as its next instance reads it. */
  private static List<ProxyChange> stateTopic(ZeroDowntimeRun run) {
    return TopicReader.readAll(run.kafka().get("kafka.bootstrap"), run.control().topics().proxyState(SOURCE_ID),
        ProxyChange.class).stream().map(r -> r.value()).toList();
  }

  private static void createCollections(String uri, String database, PyMilvusWorkload... workloads) {
    for (PyMilvusWorkload workload : workloads) {
      workload.create(uri, 300, false);
    }
    try (MilvusData data = new MilvusData(uri).database(database)) {
      data.create("items", LiveWriter.itemSchema());
      data.insert("items", MilvusData.rows(300, i -> LiveWriter.item((long) i + 1, 0)));
      data.load("items");
    }
  }

  /** Starts the job while the writer writes, and waits until it syncs with a lag below 10 s. */
  private static void syncWhileWriting(ZeroDowntimeRun run, PyMilvusWorkload.Writer python) throws Exception {
    python.awaitOperations(5, Duration.ofMinutes(1));
    run.control().submit(null, SOURCE_ID);
    JobStatus syncing = run.control().awaitStatus("syncing", SNAPSHOT, s -> s.getStage() == JobStage.SYNCING
        || s.getState() != JobState.IN_PROGRESS);
    assertThat(syncing.getState()).as("%s %s", syncing.getReason(), syncing.getErrorDetails())
        .isEqualTo(JobState.IN_PROGRESS);
    python.awaitOperations(python.operations() + 20, Duration.ofMinutes(2));
    run.control().awaitNotification("lag below 10 s", n -> n.getKind() == NotificationKind.LAG_BELOW_THRESHOLD);
  }

  /**
   * Runs {@code milvus-migrate cutover JOB}, which waits for the proxy's answer; returns the run and
   * the proxy's outcome in its state topic, once the job ended.
   */
  private static Cutover cutOver(ZeroDowntimeRun run) {
    String job = run.control().job().value();
    InProcessCli.Run cli = InProcessCli.run("cutover", job, "--kafka", run.kafka().get("kafka.bootstrap"),
        "--topic-prefix", run.kafka().get("kafka.topic-prefix"));
    JobTopics topics = new JobTopics(new KafkaClients(run.kafka().get("kafka.bootstrap"), Map.of()),
        run.control().topics(), "e2e-cutover");
    ProxyChange outcome = topics.cutoverOutcomes(SOURCE_ID).stream().map(r -> r.value())
        .filter(c -> c != null && job.equals(c.getJobId()) && c.getKind() != ProxyChangeKind.CUTOVER_STARTED)
        .findFirst().orElseThrow(() ->
            new AssertionError("no outcome of the cutover in the proxy's state topic; " + cli));
    run.control().awaitStatus("ended", Duration.ofMinutes(1), s -> s.getState() != JobState.IN_PROGRESS);
    return new Cutover(cli, outcome);
  }

  private record Cutover(InProcessCli.Run cli, ProxyChange outcome) {}

  private static int operations(String stats) {
    Matcher matcher = Pattern.compile("\"operations\": (\\d+)").matcher(stats);
    assertThat(matcher.find()).as(stats).isTrue();
    assertThat(stats).as("no write failed").contains("\"failed\": 0");
    return Integer.parseInt(matcher.group(1));
  }

  private static void assertEqual(PyMilvusWorkload.Comparison comparison, String what) {
    assertThat(comparison.equal()).as("%s: %s", what, comparison.summary()).isTrue();
  }

  private static ProxyConfig proxyConfig(ZeroDowntimeRun run, MilvusLiteServer source, MilvusLiteServer target) {
    return proxyConfig(run.kafka(), source, target);
  }

  /** @param target null for a proxy without target.uri */
  private static ProxyConfig proxyConfig(Map<String, String> kafka, MilvusLiteServer source,
      MilvusLiteServer target) {
    return ProxyConfig.of(Map.of(), Map.of(), Map.of("kafka.bootstrap", kafka.get("kafka.bootstrap"),
        "kafka.topic-prefix", kafka.get("kafka.topic-prefix"), "source.uri", source.uri(),
        "target.uri", target == null ? "" : target.uri(), "cutover.max-hold", "90s", "proxy.listen", "127.0.0.1:0",
        "proxy.source-id", SOURCE_ID));
  }
}
