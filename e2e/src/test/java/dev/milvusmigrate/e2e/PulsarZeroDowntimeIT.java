package dev.milvusmigrate.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A zero-downtime job from a Milvus 2.3.5 whose message queue is Pulsar (the test kit's Pulsar
 * standalone) to a 2.3.5 target, every service in this JVM: a pymilvus writer keeps writing through
 * the snapshot and the sync, capture and sink are replaced mid-sync, and after the stop-sync the job
 * is SUCCESSFUL, the target equals the source entity by entity in every partition, and capture's
 * subscription is gone from every DML topic of the source's Pulsar.
 */
@ExtendWith({MilvusStandaloneExtension.class, PulsarStandaloneExtension.class})
class PulsarZeroDowntimeIT {

  private static final Duration SNAPSHOT = Duration.ofMinutes(3);

  @Test
  void aMilvusOnPulsarMigratesWithALiveWriterAndCaptureRestartedAndLeavesNoSubscription(MilvusStandaloneServer target,
      PulsarStandalone pulsar, @TempDir Path lagState, @TempDir Path writers) throws Exception {
    String name = Names.unique("pulsar");
    List<String> partitions = List.of("p_north", "p_south");
    PyMilvusWorkload workload = new PyMilvusWorkload(name, "rich", partitions);
    Map<String, String> captureOnPulsar = Map.of("capture.wal.pulsar.service-url", pulsar.serviceUrl(),
        "capture.wal.pulsar.admin-url", pulsar.adminUrl());
    String bootstrap = KafkaBroker.shared().bootstrapServers();
    try (MilvusStandaloneServer source = MilvusStandaloneServer.start(PythonMilvusEnvironment.shared(),
        StandaloneOptions.onPulsar(new StandalonePulsar(PulsarStandalone.HOST, pulsar.brokerPort(),
            pulsar.webPort())))) {
      String subscription = "e2e-" + name + ".cdc-capture." + name;
      workload.create(source.uri(), 600, false);
      try (ZeroDowntimeRun run = new ZeroDowntimeRun(name, source.uri(), source.clusterPrefix(), target.uri(),
          lagState, Map.of(), new ZeroDowntimeRun.PipelineKafka(Map.of("kafka.bootstrap", bootstrap), bootstrap,
              captureOnPulsar));
          PyMilvusWorkload.Writer writer = workload.startWriter(source.uri(), 100_000, 11,
              PyMilvusWorkload.Pace.BUSY, writers, false)) {
        writer.awaitOperations(5, Duration.ofMinutes(1));
        run.control().submit(null);
        JobStatus syncing = run.control().awaitStatus("syncing", SNAPSHOT, s -> s.getStage() == JobStage.SYNCING
            || s.getState() != JobState.IN_PROGRESS);
        assertThat(syncing.getState()).as("%s %s", syncing.getReason(), syncing.getErrorDetails())
            .isEqualTo(JobState.IN_PROGRESS);
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
        await("no subscription of capture left on the source's Pulsar").atMost(Duration.ofMinutes(1))
            .until(() -> pulsar.topicsWithSubscription(source.dmlTopicPrefix(), subscription).isEmpty());
      }
      PyMilvusWorkload.Comparison comparison = workload.compare(source.uri(), target.uri());
      assertThat(comparison.equal()).as("%s: %s", workload.collection(), comparison.summary()).isTrue();
    } finally {
      try (MilvusData onTarget = new MilvusData(target.uri())) {
        onTarget.dropDatabase(name);
      }
    }
  }
}
