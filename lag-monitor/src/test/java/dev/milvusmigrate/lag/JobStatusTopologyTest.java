package dev.milvusmigrate.lag;

import static dev.milvusmigrate.lag.Facts.cancel;
import static dev.milvusmigrate.lag.Facts.copied;
import static dev.milvusmigrate.lag.Facts.failed;
import static dev.milvusmigrate.lag.Facts.planned;
import static dev.milvusmigrate.lag.Facts.spec;
import static dev.milvusmigrate.lag.Facts.stopSync;
import static dev.milvusmigrate.lag.Facts.verified;
import static dev.milvusmigrate.lag.Facts.zeroDowntime;
import static org.assertj.core.api.Assertions.assertThat;

import dev.milvusmigrate.core.domain.JobId;
import dev.milvusmigrate.core.domain.TopicNames;
import dev.milvusmigrate.kafka.TopicProvisioner;
import dev.milvusmigrate.schemas.avro.CaptureStarted;
import dev.milvusmigrate.schemas.avro.ControlCommand;
import dev.milvusmigrate.schemas.avro.JobSpec;
import dev.milvusmigrate.schemas.avro.JobStage;
import dev.milvusmigrate.schemas.avro.JobState;
import dev.milvusmigrate.schemas.avro.JobStatus;
import dev.milvusmigrate.schemas.avro.Notification;
import dev.milvusmigrate.schemas.avro.NotificationKind;
import dev.milvusmigrate.schemas.avro.ProgressEvent;
import dev.milvusmigrate.schemas.avro.ServicePresence;
import dev.milvusmigrate.schemas.avro.ServiceWarning;
import dev.milvusmigrate.schemas.avro.SinkProgress;
import dev.milvusmigrate.schemas.serde.AvroSerde;
import dev.milvusmigrate.schemas.serde.AvroTrust;
import dev.milvusmigrate.schemas.serde.JsonSerde;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobStatusTopologyTest {

  private static final long START = 1_800_000_000_000L;
  private final TopicNames topics = new TopicNames("ttd");
  private TopologyTestDriver driver;
  private TestInputTopic<String, JobSpec> jobs;
  private TestInputTopic<String, ControlCommand> control;
  private TestOutputTopic<String, JobStatus> status;
  private TestOutputTopic<String, Notification> notifications;
  private TestInputTopic<String, ServicePresence> services;
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  @TempDir
  Path stateDir;

  @BeforeEach
  void startDriver() {
    AvroTrust.install();
    Properties props = LagMonitorService.streamsProperties(LagMonitorConfig.of(Map.of(), Map.of(),
        Map.of("kafka.bootstrap", "unused:9092", "kafka.topic-prefix", topics.prefix())), stateDir);
    driver = new TopologyTestDriver(JobStatusTopology.build(topics, LagMonitorConfig.of(Map.of(), Map.of(), Map.of(
        "kafka.bootstrap", "unused:9092")).lagSettings(), new LagMetrics(registry)), props,
        Instant.ofEpochMilli(START));
    jobs = driver.createInputTopic(topics.jobs(), new StringSerializer(), AvroSerde.of(JobSpec.class).serializer());
    control = driver.createInputTopic(topics.control(), new StringSerializer(),
        JsonSerde.of(ControlCommand.class).serializer());
    status = driver.createOutputTopic(topics.status(), new StringDeserializer(),
        JsonSerde.of(JobStatus.class).deserializer());
    notifications = driver.createOutputTopic(topics.notifications(), new StringDeserializer(),
        JsonSerde.of(Notification.class).deserializer());
    services = driver.createInputTopic(topics.services(), new StringSerializer(),
        AvroSerde.of(ServicePresence.class).serializer());
  }

  @AfterEach
  void closeDriver() {
    driver.close();
  }

  @Test
  void planCopiesAndVerificationEndSuccessful() {
    jobs.pipeInput("j1", spec("j1", 100));
    TestInputTopic<String, ProgressEvent> progress = progress("j1");
    progress.pipeInput("j1", planned("j1", 110, 10, "c1", "c2"));
    progress.pipeInput("j1", copied("j1", 120, "c1", 10, true));
    progress.pipeInput("j1", copied("j1", 121, "c2", 10, true));
    progress.pipeInput("j1", verified("j1", 130, "c1", 10));
    progress.pipeInput("j1", verified("j1", 131, "c2", 10));

    List<JobStatus> statuses = status.readValuesToList();

    assertThat(statuses).extracting(JobStatus::getState).containsExactly(JobState.IN_PROGRESS, JobState.IN_PROGRESS,
        JobState.IN_PROGRESS, JobState.IN_PROGRESS, JobState.IN_PROGRESS, JobState.SUCCESSFUL);
    assertThat(statuses).extracting(JobStatus::getRowsCopied).containsExactly(0L, 0L, 10L, 20L, 20L, 20L);
    assertThat(statuses).extracting(JobStatus::getStage).containsExactly(JobStage.SNAPSHOT, JobStage.SNAPSHOT,
        JobStage.SNAPSHOT, JobStage.VERIFYING, JobStage.VERIFYING, JobStage.DONE);
    assertThat(latest("j1").getEndedAt()).isEqualTo(131);
  }

  @Test
  void jobFailedEndsFailed() {
    jobs.pipeInput("j2", spec("j2", 100));
    progress("j2").pipeInput("j2", failed("j2", 120, "Source collection db.c1 does not exist: check the name.", null));

    JobStatus last = lastOf(status.readValuesToList());
    assertThat(last.getState()).isEqualTo(JobState.FAILED);
    assertThat(last.getReason()).isEqualTo("Source collection db.c1 does not exist: check the name.");
  }

  @Test
  void cancelEndsCanceledAndLaterEventsPublishNothing() {
    jobs.pipeInput("j3", spec("j3", 100));
    progress("j3").pipeInput("j3", planned("j3", 110, 10, "c1"));
    control.pipeInput("j3", cancel("j3", 115));
    status.readValuesToList();

    progress("j3").pipeInput("j3", copied("j3", 120, "c1", 10, true));
    progress("j3").pipeInput("j3", verified("j3", 130, "c1", 10));

    assertThat(status.isEmpty()).isTrue();
    assertThat(latest("j3").getState()).isEqualTo(JobState.CANCELED);
    assertThat(latest("j3").getReason()).isEqualTo("Canceled by alice.");
  }

  @Test
  void replayedEventsPublishNothingNew() {
    jobs.pipeInput("j4", spec("j4", 100));
    progress("j4").pipeInput("j4", planned("j4", 110, 10, "c1"));
    progress("j4").pipeInput("j4", copied("j4", 120, "c1", 5, false));
    status.readValuesToList();

    jobs.pipeInput("j4", spec("j4", 100));
    progress("j4").pipeInput("j4", planned("j4", 110, 10, "c1"));
    progress("j4").pipeInput("j4", copied("j4", 120, "c1", 5, false));
    progress("j4").pipeInput("j4", copied("j4", 118, "c1", 3, false));

    assertThat(status.isEmpty()).isTrue();
    assertThat(latest("j4").getRowsCopied()).isEqualTo(5);
  }

  @Test
  void interleavedJobsAreFoldedSeparatelyByTheJobTheyName() {
    jobs.pipeInput("a", spec("a", 100));
    jobs.pipeInput("b", spec("b", 101));
    progress("a").pipeInput("a", planned("a", 110, 10, "c1"));
    progress("b").pipeInput("b", planned("b", 111, 20, "c1"));
    progress("b").pipeInput("not-the-job-key", copied("b", 120, "c1", 20, true));
    progress("a").pipeInput("a", copied("a", 121, "c1", 4, false));
    control.pipeInput("a", cancel("a", 125));
    progress("b").pipeInput("b", verified("b", 130, "c1", 20));

    Map<String, JobStatus> latest = status.readKeyValuesToMap();

    assertThat(latest).containsOnlyKeys("a", "b");
    assertThat(latest.get("a").getState()).isEqualTo(JobState.CANCELED);
    assertThat(latest.get("a").getRowsCopied()).isEqualTo(4);
    assertThat(latest.get("b").getState()).isEqualTo(JobState.SUCCESSFUL);
    assertThat(latest.get("b").getRowsCopied()).isEqualTo(20);
  }

  @Test
  void aRecordThatIsNotAContractIsSkipped() {
    jobs.pipeInput("j5", spec("j5", 100));
    driver.createInputTopic(topics.progress(), new StringSerializer(), new StringSerializer())
        .pipeInput("j5", "not avro");
    progress("j5").pipeInput("j5", planned("j5", 110, 10, "c1"));

    assertThat(status.readKeyValuesToList()).extracting(kv -> kv.value.getRowsTotal()).containsExactly(0L, 10L);
  }

  @Test
  void stopSyncWithoutTheConfirmationIsRejectedWithAnErrorAndChangesNothing() {
    jobs.pipeInput("z1", zeroDowntime("z1", 100));
    status.readValuesToList();

    control.pipeInput("z1", stopSync("z1", 120, false));

    assertThat(status.isEmpty()).isTrue();
    Notification error = notifications.readValue();
    assertThat(error.getKind()).isEqualTo(NotificationKind.ERROR);
    assertThat(error.getMessage()).contains("--confirm-writes-stopped").contains("nothing was changed");
    assertThat(latest("z1").getStage()).isEqualTo(JobStage.SNAPSHOT);
  }

  @Test
  void aConfirmedStopSyncMovesToStoppingAndTheJobSucceedsOnlyOnceEveryCollectionIsVerified() {
    jobs.pipeInput("z2", zeroDowntime("z2", 100));
    progress("z2").pipeInput("z2", planned("z2", 110, 10, "c1"));
    progress("z2").pipeInput("z2", copied("z2", 120, "c1", 10, true));
    progress("z2").pipeInput("z2", verified("z2", 125, "c1", 10));
    assertThat(latest("z2").getState()).as("verified while syncing is not the end").isEqualTo(JobState.IN_PROGRESS);

    control.pipeInput("z2", stopSync("z2", 130, true));
    assertThat(latest("z2").getStage()).isEqualTo(JobStage.STOPPING);
    control.pipeInput("z2", stopSync("z2", 131, true));
    assertThat(notifications.isEmpty()).as("a repeated stop-sync is a quiet no-op").isTrue();

    progress("z2").pipeInput("z2", verified("z2", 140, "c1", 10));
    assertThat(latest("z2").getState()).isEqualTo(JobState.SUCCESSFUL);
  }

  @Test
  void commandsForUnknownJobsAndStopSyncOfAnOfflineJobAreRejected() {
    jobs.pipeInput("off", spec("off", 100));

    control.pipeInput("ghost", cancel("ghost", 110));
    control.pipeInput("off", stopSync("off", 120, true));

    List<Notification> errors = notifications.readValuesToList();
    assertThat(errors).extracting(Notification::getJobId).containsExactly("ghost", "off");
    assertThat(errors.get(0).getMessage()).contains("does not exist");
    assertThat(errors.get(1).getMessage()).contains("offline job");
    assertThat(latest("off").getState()).isEqualTo(JobState.IN_PROGRESS);
  }

  @Test
  void aMalformedControlRecordBecomesAnErrorAndLaterCommandsStillWork() {
    jobs.pipeInput("z3", zeroDowntime("z3", 100));
    typedControl().pipeInput("z3", "{\"type\": \"STOP_SYNC\"}");

    assertThat(notifications.readValue().getMessage()).contains("not a milvus-migrate control command");

    control.pipeInput("z3", cancel("z3", 130));
    assertThat(latest("z3").getState()).isEqualTo(JobState.CANCELED);
  }

  @Test
  void aStopSyncTypedAsJsonByHandEndsTheSync() {
    jobs.pipeInput("z6", zeroDowntime("z6", 100));

    typedControl().pipeInput("z6", "{\"command_id\": \"by-hand\", \"job_id\": \"z6\", \"type\": \"STOP_SYNC\","
        + " \"writes_stopped_confirmed\": true, \"issued_at\": 130}");

    assertThat(latest("z6").getStage()).isEqualTo(JobStage.STOPPING);
    assertThat(notifications.isEmpty()).isTrue();
  }

  @Test
  void aCommandOfAnUnknownTypeBecomesAnErrorNamingTheFieldAndChangesNothing() {
    jobs.pipeInput("z7", zeroDowntime("z7", 100));
    status.readValuesToList();

    typedControl().pipeInput("z7", "{\"command_id\": \"c\", \"job_id\": \"z7\", \"type\": \"PAUSE\", \"issued_at\": 1}");

    Notification error = notifications.readValue();
    assertThat(error.getKind()).isEqualTo(NotificationKind.ERROR);
    assertThat(error.getJobId()).isEqualTo("z7");
    assertThat(error.getMessage()).contains("field type must be one of STOP_SYNC, CANCEL, STATUS_REQUEST")
        .contains("nothing was changed");
    assertThat(status.isEmpty()).isTrue();
  }

  @Test
  void aCommandWrittenInAvroBeforeTheUpgradeStillActs() {
    jobs.pipeInput("z8", zeroDowntime("z8", 100));

    driver.createInputTopic(topics.control(), new StringSerializer(), AvroSerde.of(ControlCommand.class).serializer())
        .pipeInput("z8", cancel("z8", 130));

    assertThat(latest("z8").getState()).isEqualTo(JobState.CANCELED);
  }

  private TestInputTopic<String, String> typedControl() {
    return driver.createInputTopic(topics.control(), new StringSerializer(), new StringSerializer());
  }

  @Test
  void anOversizedControlCommandBecomesAnErrorThatDoesNotEchoItAndChangesNothing() {
    jobs.pipeInput("z5", zeroDowntime("z5", 100));
    status.readValuesToList();
    ControlCommand huge = stopSync("z5", 120, true);
    huge.setCommandId("c".repeat(TopicProvisioner.MAX_COMMAND_BYTES));

    control.pipeInput("z5", huge);

    Notification error = notifications.readValue();
    assertThat(error.getKind()).isEqualTo(NotificationKind.ERROR);
    assertThat(error.getMessage()).contains("larger than the " + TopicProvisioner.MAX_COMMAND_BYTES + " bytes")
        .hasSizeLessThan(300);
    assertThat(status.isEmpty()).isTrue();
    assertThat(latest("z5").getStage()).isEqualTo(JobStage.SNAPSHOT);
  }

  @Test
  void aSyncNeverStoppedFailsAfterItsMaximumDuration() {
    JobSpec spec = zeroDowntime("z4", START);
    spec.setMaxSyncDurationMs(60_000L);
    jobs.pipeInput("z4", spec);

    driver.advanceWallClockTime(Duration.ofSeconds(59));
    assertThat(latest("z4").getState()).isEqualTo(JobState.IN_PROGRESS);
    driver.advanceWallClockTime(Duration.ofSeconds(2));

    assertThat(latest("z4").getState()).isEqualTo(JobState.FAILED);
    assertThat(latest("z4").getReason()).contains("maximum duration of 1m");
  }

  /** Issue 14: a job no sink-writer takes says so on the wall clock, although nothing arrives for it. */
  @Test
  void aJobNoSinkHasTakenWarnsAfterTheTimeoutAndTheWarningClearsOnceOneAnnouncesIt() {
    ServicePresence exporter = ServiceLivenessTest.beat("snapshot-exporter", "e1", START);
    exporter.setFinishedJobs(List.of("w1"));
    services.pipeInput("e1", exporter);
    jobs.pipeInput("w1", spec("w1", START));

    driver.advanceWallClockTime(Duration.ofSeconds(29));
    assertThat(latest("w1").getServiceWarnings()).isEmpty();
    driver.advanceWallClockTime(Duration.ofSeconds(2));

    assertThat(latest("w1").getServiceWarnings()).extracting(ServiceWarning::getMessage).containsExactly(
        "No sink-writer has taken this job for 30 s: is one running with access to Kafka at unused:9092, the source"
            + " http://source:19530 and the target http://target:19530?");
    assertThat(withoutLiveService()).isEqualTo(1.0);
    int published = status.readValuesToList().size();

    services.pipeInput("s1", ServiceLivenessTest.beat("sink-writer", "s1", START + 31_000, "w1"));
    driver.advanceWallClockTime(Duration.ofSeconds(1));

    List<JobStatus> after = status.readValuesToList();
    assertThat(after).hasSize(1);
    assertThat(after.get(0).getServiceWarnings()).isEmpty();
    assertThat(withoutLiveService()).isZero();
    assertThat(published).as("the warning is published once, not every second").isEqualTo(2);
  }

  private double withoutLiveService() {
    return registry.get(LagMetrics.WITHOUT_SERVICE).gauge().value();
  }

  @Test
  void progressTheStatusDoesNotFoldIsPassedOver() {
    jobs.pipeInput("j6", spec("j6", 100));
    progress("j6").pipeInput("j6", new ProgressEvent(new SinkProgress("j6", 0, 1L << 20, 3L, "sink-a", 105L, null, null)));
    progress("j6").pipeInput("j6", new ProgressEvent(new CaptureStarted("j6", "capture-a", 16, 106L, null)));
    progress("j6").pipeInput("j6", planned("j6", 110, 10, "c1"));

    assertThat(status.readKeyValuesToList()).extracting(kv -> kv.value.getRowsTotal()).containsExactly(0L, 10L);
  }

  private TestInputTopic<String, ProgressEvent> progress(String job) {
    return driver.createInputTopic(topics.progress(), new StringSerializer(),
        AvroSerde.of(ProgressEvent.class).serializer());
  }

  private JobStatus latest(String job) {
    return driver.<String, JobStatus>getKeyValueStore(JobStatusTopology.STATUS_STORE).get(job);
  }

  private static JobStatus lastOf(List<JobStatus> statuses) {
    return statuses.get(statuses.size() - 1);
  }
}
