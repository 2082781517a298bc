package dev.milvusmigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.milvusmigrate.core.domain.HybridTimestamp;
import dev.milvusmigrate.core.domain.TopicNames;
import dev.milvusmigrate.kafka.JobTopics;
import dev.milvusmigrate.kafka.KafkaClients;
import dev.milvusmigrate.kafka.TopicProvisioner;
import dev.milvusmigrate.kafka.TopicReader;
import dev.milvusmigrate.lag.LagMonitorConfig;
import dev.milvusmigrate.lag.LagMonitorService;
import dev.milvusmigrate.schemas.avro.CollectionCopied;
import dev.milvusmigrate.schemas.avro.CollectionPlan;
import dev.milvusmigrate.schemas.avro.Heartbeat;
import dev.milvusmigrate.schemas.avro.JobMode;
import dev.milvusmigrate.schemas.avro.JobPlanned;
import dev.milvusmigrate.schemas.avro.JobSpec;
import dev.milvusmigrate.schemas.avro.JobStage;
import dev.milvusmigrate.schemas.avro.Notification;
import dev.milvusmigrate.schemas.avro.NotificationKind;
import dev.milvusmigrate.schemas.avro.ProgressEvent;
import dev.milvusmigrate.schemas.avro.VerificationReport;
import dev.milvusmigrate.testkit.kafka.KafkaBroker;
import dev.milvusmigrate.testkit.kafka.KafkaBrokerExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13: the command the below-threshold notification prints runs as printed. A real
 * lag-monitor folds a zero-downtime job that the test drives as capture, exporter and sink would;
 * the notification line is the one {@code lag --follow} prints; its command runs through
 * {@code MilvusMigrate.main} in its own JVM, with nothing added.
 */
@ExtendWith(KafkaBrokerExtension.class)
class StopSyncHintIT {

  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final String JOB = "hinted-job";
  private static final String RUN = "then run: milvus-migrate ";

  private final TopicNames topics = new TopicNames("stop-sync-hint-it");

  @Test
  void theStopSyncCommandOfTheLagNotificationRunsAsPrinted(KafkaBroker broker, @TempDir Path stateDir)
      throws Exception {
    String bootstrap = broker.bootstrapServers();
    KafkaClients clients = new KafkaClients(bootstrap, Map.of());
    new TopicProvisioner(clients, topics, (short) 1).ensureSharedTopics();
    JobTopics jobTopics = new JobTopics(clients, topics, KafkaCommand.CLIENT_ID);
    LagMonitorConfig config = LagMonitorConfig.of(Map.of(), Map.of(), Map.of("kafka.bootstrap", bootstrap,
        "kafka.topic-prefix", topics.prefix(), "lag.state-dir", stateDir.toString(), "lag.hold", "1s"));
    try (LagMonitorService lagMonitor = new LagMonitorService(config).start()) {
      send(clients, JobSpec.class, topics.jobs(), JobSpec.newBuilder().setJobId(JOB).setMode(JobMode.ZERO_DOWNTIME)
          .setSourceLabel("http://source:19530").setTargetLabel("http://target:19530")
          .setSubmittedAt(System.currentTimeMillis()).build());
      long now = System.currentTimeMillis();
      progress(clients, new JobPlanned(JOB, ts(now), List.of(new CollectionPlan("db", "c1", "db", 3L)), now));
      progress(clients, new CollectionCopied(JOB, "db", "c1", 3L, true, now));

      Notification caughtUp = await("lag below threshold").atMost(WAIT).until(() -> {
        long at = System.currentTimeMillis();
        progress(clients, new Heartbeat(JOB, ts(at), "capture", null, at));
        return lagBelowThreshold(bootstrap);
      }, Optional::isPresent).orElseThrow();
      String printed = LagLine.of(caughtUp);
      assertThat(printed).contains(RUN);
      String[] command = printed.substring(printed.indexOf(RUN) + RUN.length()).split(" ");

      CompletableFuture<CliRun> stopSync = CompletableFuture.supplyAsync(() -> CliRun.asProcess(command));
      await("stop-sync accepted").atMost(WAIT)
          .until(() -> Optional.ofNullable(jobTopics.statuses().get(JOB)).map(s -> s.getStage()).orElse(null),
              stage -> stage == JobStage.STOPPING);
      progress(clients, VerificationReport.newBuilder(RenderingTest.report("c1", 0, List.of())).setJobId(JOB)
          .setTargetDatabase("db").build());
      CliRun run = stopSync.get(WAIT.toSeconds(), TimeUnit.SECONDS);

      assertThat(run.exitCode()).as(String.join(" ", command) + "\n" + run.out() + run.err())
          .isEqualTo(ExitCode.SUCCESSFUL);
      assertThat(run.out()).contains("Stop-sync requested for job " + JOB + ".", "Job " + JOB + " ended SUCCESSFUL.");
    }
  }

  private Optional<Notification> lagBelowThreshold(String bootstrap) {
    return TopicReader.readAll(bootstrap, topics.notifications(), Notification.class).stream()
        .map(record -> record.value())
        .filter(n -> n != null && JOB.equals(n.getJobId()) && n.getKind() == NotificationKind.LAG_BELOW_THRESHOLD)
        .findFirst();
  }

  private void progress(KafkaClients clients, Object payload) {
    send(clients, ProgressEvent.class, topics.progress(), new ProgressEvent(payload));
  }

  private static <V extends SpecificRecordBase> void send(KafkaClients clients, Class<V> type, String topic,
      V value) {
    try (KafkaProducer<String, V> producer = clients.producer(type, "stop-sync-hint-it")) {
      producer.send(new ProducerRecord<>(topic, JOB, value));
    }
  }

  private static long ts(long wallMs) {
    return HybridTimestamp.of(wallMs, 0).value();
  }
}
