package dev.milvusmigrate.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.milvusmigrate.cli.InProcessCli;
import dev.milvusmigrate.core.domain.JobId;
import dev.milvusmigrate.core.domain.TopicNames;
import dev.milvusmigrate.kafka.KafkaClients;
import dev.milvusmigrate.kafka.TopicProvisioner;
import dev.milvusmigrate.schemas.avro.JobStage;
import dev.milvusmigrate.schemas.avro.JobState;
import dev.milvusmigrate.schemas.avro.JobStatus;
import dev.milvusmigrate.schemas.avro.NotificationKind;
import dev.milvusmigrate.testkit.kafka.KafkaBroker;
import dev.milvusmigrate.testkit.milvus.MilvusStandaloneExtension;
import dev.milvusmigrate.testkit.milvus.MilvusStandaloneServer;
import dev.milvusmigrate.testkit.milvus.PythonMilvusEnvironment;
import dev.milvusmigrate.testkit.milvus.StandaloneOptions;
import dev.milvusmigrate.testkit.milvus.StandalonePulsar;
import dev.milvusmigrate.testkit.pulsar.PulsarStandalone;
import dev.milvusmigrate.testkit.pulsar.PulsarStandaloneExtension;
import dev.milvusmigrate.testkit.python.PyMilvusWorkload;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Zero-downtime jobs from a Milvus 2.3.5 whose message queue is Pulsar (the test kit's Pulsar
 * standalone) to a 2.3.5 target while a pymilvus writer keeps writing through the snapshot and the
 * sync: the job ends SUCCESSFUL, the target equals the source entity by entity in every partition,
 * and capture's subscription is gone from every DML topic of the source's Pulsar. Once with every
 * service in this JVM and capture and sink replaced mid-sync, once as {@code milvus-migrate zdm
 * --source-wal-pulsar}. About 9 min: only in the {@code pulsar} profile.
 */
@ExtendWith({MilvusStandaloneExtension.class, PulsarStandaloneExtension.class})
class PulsarZeroDowntimeIT {

  private static final Duration SNAPSHOT = Duration.ofMinutes(3);
  private static MilvusStandaloneServer source;
  private static PulsarStandalone pulsar;
  private String name;

  @BeforeAll
  static void startSource() {
    pulsar = PulsarStandaloneExtension.shared();
    source = MilvusStandaloneServer.start(PythonMilvusEnvironment.shared(), StandaloneOptions.onPulsar(
        new StandalonePulsar(PulsarStandalone.HOST, pulsar.brokerPort(), pulsar.webPort())));
  }

  @AfterAll
  static void stopSource() {
    if (source != null) {
      source.close();
    }
  }

  @AfterEach
  void dropOnBoth(MilvusStandaloneServer target) {
    for (String server : List.of(source.uri(), target.uri())) {
      try (MilvusData onServer = new MilvusData(server)) {
        onServer.dropDatabase(name);
      }
    }
  }

  @Test
  void aMilvusOnPulsarMigratesWithALiveWriterAndCaptureRestartedAndLeavesNoSubscription(MilvusStandaloneServer target,
      @TempDir Path lagState, @TempDir Path writers) throws Exception {
    name = Names.unique("pulsar");
    PyMilvusWorkload workload = new PyMilvusWorkload(name, "rich", List.of("p_north", "p_south"));
    Map<String, String> captureOnPulsar = Map.of("capture.wal.pulsar.service-url", pulsar.serviceUrl(),
        "capture.wal.pulsar.admin-url", pulsar.adminUrl());
    String bootstrap = KafkaBroker.shared().bootstrapServers();
    String subscription = "e2e-" + name + ".cdc-capture." + name;
    workload.create(source.uri(), 600, false);
    try (ZeroDowntimeRun run = new ZeroDowntimeRun(name, source.uri(), source.clusterPrefix(), target.uri(),
        lagState, Map.of(), new ZeroDowntimeRun.PipelineKafka(Map.of("kafka.bootstrap", bootstrap), bootstrap,
            captureOnPulsar));
        PyMilvusWorkload.Writer writer = workload.startWriter(source.uri(), 100_000, 11,
            PyMilvusWorkload.Pace.BUSY, writers, false)) {
      writer.awaitOperations(5, Duration.ofMinutes(1));
      run.control().submit(null);
      awaitSyncing(run.control());
      assertThat(pulsar.topicsWithSubscription(source.dmlTopicPrefix(), subscription))
          .as("capture's subscription holds the source's log while the job runs").isNotEmpty();
      writer.awaitOperations(writer.operations() + 40, Duration.ofMinutes(2));
      run.stopCaptureAndSink();
      writer.awaitOperations(writer.operations() + 40, Duration.ofMinutes(2));
      run.startCaptureAndSink();
      writer.awaitOperations(writer.operations() + 40, Duration.ofMinutes(2));
      String stats = writer.stop();
      run.control().awaitNotification("lag below 10 s", n -> n.getKind() == NotificationKind.LAG_BELOW_THRESHOLD);

      run.control().stopSync(true);
      JobStatus end = run.control().awaitStatus("ended after stop-sync", Duration.ofMinutes(4),
          s -> s.getState() != JobState.IN_PROGRESS);
      System.out.printf("pymilvus writer on a Milvus on Pulsar: %s; job %s%n", stats, end.getState());
      assertThat(end.getState()).as("%s %s", end.getReason(), end.getErrorDetails()).isEqualTo(JobState.SUCCESSFUL);
    }
    assertEqualAndNoSubscription(workload, target, subscription);
  }

  @Test
  void zdmWithSourceWalPulsarMigratesWithALiveWriterToASuccessfulVerifiedEnd(MilvusStandaloneServer target,
      @TempDir Path writers) throws Exception {
    name = Names.unique("pulsarcli");
    PyMilvusWorkload workload = new PyMilvusWorkload(name, "rich", List.of("p_north", "p_south"));
    String bootstrap = KafkaBroker.shared().bootstrapServers();
    TopicNames topics = new TopicNames("e2e-" + name);
    new TopicProvisioner(new KafkaClients(bootstrap, Map.of()), topics, (short) 1).ensureSharedTopics();
    workload.create(source.uri(), 600, false);
    try (JobControl control = new JobControl(bootstrap, topics, new JobId(name), source.uri(), target.uri());
        PyMilvusWorkload.Writer writer = workload.startWriter(source.uri(), 100_000, 12,
            PyMilvusWorkload.Pace.BUSY, writers, false)) {
      writer.awaitOperations(5, Duration.ofMinutes(1));
      CompletableFuture<InProcessCli.Run> zdm = CompletableFuture.supplyAsync(() -> InProcessCli.run("zdm",
          "--source", source.uri(), "--target", target.uri(), "--source-wal-pulsar", pulsar.serviceUrl(),
          "--source-wal-pulsar-admin", pulsar.adminUrl(), "--source-wal-prefix", source.clusterPrefix(),
          "--job-id", name, "--kafka", bootstrap, "--topic-prefix", topics.prefix()));
      await("job syncing or the command ended").atMost(SNAPSHOT).until(() -> zdm.isDone()
          || (control.newestStatus() != null && control.newestStatus().getStage() == JobStage.SYNCING));
      assertThat(zdm).as("the command still runs: %s", zdm.isDone() ? zdm.join() : "").isNotDone();
      writer.awaitOperations(writer.operations() + 80, Duration.ofMinutes(2));
      String stats = writer.stop();
      control.awaitNotification("lag below 10 s", n -> n.getKind() == NotificationKind.LAG_BELOW_THRESHOLD);

      control.stopSync(true);
      InProcessCli.Run run = zdm.get(5, TimeUnit.MINUTES);
      System.out.printf("zdm --source-wal-pulsar with a pymilvus writer: %s; exit %d%n%s%n", stats, run.exitCode(),
          run.out());
      assertThat(run.exitCode()).as(run.everything()).isZero();
      assertThat(run.out()).contains("SUCCESSFUL");
    }
    assertEqualAndNoSubscription(workload, target, topics.prefix() + ".cdc-capture." + name);
  }

  private static void awaitSyncing(JobControl control) {
    JobStatus syncing = control.awaitStatus("syncing", SNAPSHOT, s -> s.getStage() == JobStage.SYNCING
        || s.getState() != JobState.IN_PROGRESS);
    assertThat(syncing.getState()).as("%s %s", syncing.getReason(), syncing.getErrorDetails())
        .isEqualTo(JobState.IN_PROGRESS);
  }

  private static void assertEqualAndNoSubscription(PyMilvusWorkload workload, MilvusStandaloneServer target,
      String subscription) {
    await("no subscription of capture left on the source's Pulsar").atMost(Duration.ofMinutes(1))
        .until(() -> pulsar.topicsWithSubscription(source.dmlTopicPrefix(), subscription).isEmpty());
    PyMilvusWorkload.Comparison comparison = workload.compare(source.uri(), target.uri());
    assertThat(comparison.equal()).as("%s: %s", workload.collection(), comparison.summary()).isTrue();
  }
}
