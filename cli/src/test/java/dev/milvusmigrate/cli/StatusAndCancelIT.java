package dev.milvusmigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.milvusmigrate.core.domain.JobId;
import dev.milvusmigrate.core.domain.TopicNames;
import dev.milvusmigrate.kafka.KafkaClients;
import dev.milvusmigrate.kafka.TopicProvisioner;
import dev.milvusmigrate.kafka.TopicReader;
import dev.milvusmigrate.schemas.avro.CommandType;
import dev.milvusmigrate.schemas.avro.ControlCommand;
import dev.milvusmigrate.schemas.avro.JobMode;
import dev.milvusmigrate.schemas.avro.JobState;
import dev.milvusmigrate.schemas.avro.JobStatus;
import dev.milvusmigrate.schemas.avro.ProgressEvent;
import dev.milvusmigrate.testkit.kafka.KafkaBroker;
import dev.milvusmigrate.testkit.kafka.KafkaBrokerExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** status, cancel and stop-sync against a real broker, with statuses as the lag-monitor publishes them. */
@ExtendWith(KafkaBrokerExtension.class)
class StatusAndCancelIT {

  private static final String PREFIX = "cli-status-it";
  private final TopicNames topics = new TopicNames(PREFIX);
  private KafkaClients clients;
  private String kafka;

  @BeforeEach
  void provision(KafkaBroker broker) {
    kafka = broker.bootstrapServers();
    clients = new KafkaClients(kafka, Map.of());
    TopicProvisioner provisioner = new TopicProvisioner(clients, topics, (short) 1);
    provisioner.ensureSharedTopics();
    provisioner.ensureJobTopics(new JobId("done-job"), JobMode.OFFLINE, 1, 1);
    send(JobStatus.class, topics.status(), "running-job", RenderingTest.status("running-job", JobState.IN_PROGRESS,
        null));
    send(JobStatus.class, topics.status(), "done-job", RenderingTest.status("done-job", JobState.FAILED,
        "Verification failed for db.c2 (2 missing in target)."));
    send(ProgressEvent.class, topics.progress(), "done-job",
        new ProgressEvent(RenderingTest.report("c2", 2, List.of())));
  }

  @Test
  void statusListsEveryJobOnOneLine() {
    CliRun run = CliRun.of("status", "--kafka", kafka, "--topic-prefix", PREFIX);

    assertThat(run.exitCode()).isEqualTo(0);
    assertThat(run.out().lines().toList()).hasSize(3);
    assertThat(run.out()).contains("running-job  IN_PROGRESS", "done-job     FAILED");
  }

  @Test
  void statusOfOneEndedJobShowsItsDetailsAndVerificationReport() {
    CliRun run = CliRun.of("status", "done-job", "--kafka", kafka, "--topic-prefix", PREFIX);

    assertThat(run.exitCode()).isEqualTo(0);
    assertThat(run.out()).contains("State:      FAILED", "Reason:     Verification failed for db.c2",
        "db.c2: 2 missing in target (e.g. keys 7, 9)");
  }

  /** As a user runs it ({@code main} in its own JVM): the details reach the terminal before the JVM exits. */
  @Test
  void statusOfOneJobPrintsItsDetailsThroughTheRealEntryPoint() {
    CliRun done = CliRun.asProcess("status", "done-job", "--kafka", kafka, "--topic-prefix", PREFIX);
    CliRun running = CliRun.asProcess("status", "running-job", "--kafka", kafka, "--topic-prefix", PREFIX);

    assertThat(done.exitCode()).as(done.err()).isEqualTo(0);
    assertThat(done.out()).contains("State:      FAILED", "Reason:     Verification failed for db.c2",
        "db.c2: 2 missing in target (e.g. keys 7, 9)");
    assertThat(running.exitCode()).as(running.err()).isEqualTo(0);
    assertThat(running.out()).contains("State:      IN_PROGRESS");
  }

  @Test
  void statusOfAnUnknownJobIsBadInput() {
    CliRun run = CliRun.of("status", "no-such-job", "--kafka", kafka, "--topic-prefix", PREFIX);

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().strip()).isEqualTo("No job 'no-such-job' on Kafka at " + kafka + " under prefix " + PREFIX
        + ": run 'milvus-migrate status' to list the jobs.");
  }

  @Test
  void cancelPublishesACancelCommandForARunningJob() {
    CliRun run = CliRun.of("cancel", "running-job", "--kafka", kafka, "--topic-prefix", PREFIX);

    assertThat(run.exitCode()).isEqualTo(0);
    assertThat(run.out().strip()).isEqualTo("Cancel requested for job running-job.");
    List<ControlCommand> commands = TopicReader.readAll(kafka, topics.control(), ControlCommand.class).stream()
        .map(r -> r.value()).filter(c -> c.getJobId().equals("running-job")).toList();
    assertThat(commands).isNotEmpty();
    assertThat(commands.get(commands.size() - 1).getType()).isEqualTo(CommandType.CANCEL);
  }

  @Test
  void cancelOfAnEndedJobIsBadInput() {
    CliRun run = CliRun.of("cancel", "done-job", "--kafka", kafka, "--topic-prefix", PREFIX);

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().strip()).isEqualTo("Job 'done-job' already ended FAILED: there is nothing to cancel.");
  }

  @Test
  void cancelOfAnUnknownJobIsBadInput() {
    CliRun run = CliRun.of("cancel", "ghost", "--kafka", kafka, "--topic-prefix", PREFIX);

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("No job 'ghost' on Kafka at");
  }

  @Test
  void cleanupDeletesTheTopicsOfAnEndedJobAndItsStatusStays() throws Exception {
    JobId job = new JobId("done-job");
    List<String> own = Stream.of(topics.snapshot(job), topics.exporterCheckpoints(job)).sorted().toList();

    CliRun run = CliRun.of("cleanup", "done-job", "--kafka", kafka, "--topic-prefix", PREFIX);

    assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
    assertThat(run.out().strip()).isEqualTo("Deleted the 2 topics of job done-job: " + String.join(", ", own)
        + ". 'milvus-migrate status done-job' still shows how it ended.");
    try (Admin admin = clients.admin()) {
      await("topics deleted").atMost(Duration.ofSeconds(30))
          .until(() -> admin.listTopics().names().get().stream().noneMatch(own::contains));
    }
    assertThat(CliRun.of("status", "done-job", "--kafka", kafka, "--topic-prefix", PREFIX).out())
        .contains("State:      FAILED");
  }

  @Test
  void cleanupOfAJobThatHasNotEndedIsBadInputAndDeletesNothing() throws Exception {
    JobId job = new JobId("running-job");
    new TopicProvisioner(clients, topics, (short) 1).ensureJobTopics(job, JobMode.ZERO_DOWNTIME, 1, 1);

    CliRun run = CliRun.of("cleanup", "running-job", "--kafka", kafka, "--topic-prefix", PREFIX);

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().strip()).isEqualTo("Job 'running-job' has not ended: its services still use its topics;"
        + " cancel it ('milvus-migrate cancel running-job') or let it end first.");
    try (Admin admin = clients.admin()) {
      assertThat(admin.listTopics().names().get()).contains(topics.mutations(job), topics.snapshot(job));
    }
  }

  @Test
  void stopSyncWithoutTheConfirmationIsBadInputAndSendsNothing() {
    CliRun run = CliRun.of("stop-sync", "running-job", "--kafka", kafka, "--topic-prefix", PREFIX);

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().strip()).isEqualTo("Stop the applications' writes to the source first, then run stop-sync"
        + " running-job --confirm-writes-stopped: changes made after the fence would not reach the target.");
    assertThat(TopicReader.readAll(kafka, topics.control(), ControlCommand.class)).map(r -> r.value())
        .noneMatch(c -> c.getType() == CommandType.STOP_SYNC);
  }

  @Test
  void stopSyncOfAnUnknownJobIsBadInput() {
    CliRun run = CliRun.of("stop-sync", "ghost", "--confirm-writes-stopped", "--kafka", kafka, "--topic-prefix",
        PREFIX);

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().strip()).isEqualTo("No job 'ghost' on Kafka at " + kafka + " under prefix " + PREFIX
        + ": run 'milvus-migrate status' to list the jobs.");
  }

  private <V extends SpecificRecordBase> void send(Class<V> type, String topic, String key, V value) {
    try (KafkaProducer<String, V> producer = clients.producer(type, "status-it")) {
      producer.send(new ProducerRecord<>(topic, key, value));
    }
  }
}
