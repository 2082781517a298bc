package dev.milvusmigrate.lag;

import static dev.milvusmigrate.lag.Facts.cancel;
import static org.assertj.core.api.Assertions.assertThat;

import dev.milvusmigrate.core.domain.TopicNames;
import dev.milvusmigrate.schemas.avro.ControlCommand;
import dev.milvusmigrate.schemas.avro.Heartbeat;
import dev.milvusmigrate.schemas.avro.JobMode;
import dev.milvusmigrate.schemas.avro.JobPlanned;
import dev.milvusmigrate.schemas.avro.JobSpec;
import dev.milvusmigrate.schemas.avro.LagReport;
import dev.milvusmigrate.schemas.avro.Notification;
import dev.milvusmigrate.schemas.avro.NotificationKind;
import dev.milvusmigrate.schemas.avro.PartitionLag;
import dev.milvusmigrate.schemas.avro.ProgressEvent;
import dev.milvusmigrate.schemas.avro.SinkProgress;
import dev.milvusmigrate.schemas.serde.AvroSerde;
import dev.milvusmigrate.schemas.serde.AvroTrust;
import dev.milvusmigrate.schemas.serde.JsonSerde;
import dev.milvusmigrate.testkit.kafka.JsonContracts;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lag Behind Source through the whole lag-monitor topology with a test driver: the wall clock is
 * the driver's, advanced by the tests, so the report interval and the hold time are exact.
 */
class LagTopologyTest {

  private static final String JOB = "z1";
  private static final long START = 1_800_000_000_000L;
  private final TopicNames topics = new TopicNames("lag");
  private TopologyTestDriver driver;
  private TestInputTopic<String, ProgressEvent> progress;
  private TestInputTopic<String, ControlCommand> control;
  private TestOutputTopic<String, LagReport> lag;
  private TestOutputTopic<String, Notification> notifications;
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private long wall = START;

  @TempDir
  Path stateDir;

  @BeforeEach
  void startDriver() {
    AvroTrust.install();
    LagMonitorConfig config = LagMonitorConfig.of(Map.of(), Map.of(), Map.of("kafka.bootstrap", "unused:9092",
        "kafka.topic-prefix", topics.prefix(), "lag.threshold", "10s",
        "lag.hold", "5s", "lag.report-interval", "1s", "lag.stale-after", "3s"));
    Properties props = LagMonitorService.streamsProperties(config, stateDir);
    driver = new TopologyTestDriver(JobStatusTopology.build(topics, config.lagSettings(), new LagMetrics(registry)), props,
        Instant.ofEpochMilli(START));
    progress = driver.createInputTopic(topics.progress(), new StringSerializer(),
        AvroSerde.of(ProgressEvent.class).serializer());
    control = driver.createInputTopic(topics.control(), new StringSerializer(),
        JsonSerde.of(ControlCommand.class).serializer());
    lag = driver.createOutputTopic(topics.lag(), new StringDeserializer(), JsonSerde.of(LagReport.class).deserializer());
    notifications = driver.createOutputTopic(topics.notifications(), new StringDeserializer(),
        JsonSerde.of(Notification.class).deserializer());
    JobSpec spec = Facts.spec(JOB, START);
    spec.setMode(JobMode.ZERO_DOWNTIME);
    driver.createInputTopic(topics.jobs(), new StringSerializer(), AvroSerde.of(JobSpec.class).serializer())
        .pipeInput(JOB, spec);
  }

  @AfterEach
  void closeDriver() {
    driver.close();
  }

  @Test
  void beforeTheSinkAppliedAnythingTheTargetIsAtTheSnapshotTimestamp() {
    planned(START - 60_000);
    heartbeat(START, START);

    LagReport report = last(lag.readValuesToList());

    assertThat(report.getLagMs()).isEqualTo(60_000);
    assertThat(report.getAppliedTs()).isEqualTo(ts(START - 60_000));
    assertThat(report.getStale()).isFalse();
  }

  @Test
  void theLagTopicAndItsNotificationsCarryJsonThatValidatesAgainstTheirSchemas() {
    planned(START - 60_000);
    applied(0, START - 1_000);
    applied(1, START - 1_000);
    heartbeat(START, START);
    advance(6);
    TestOutputTopic<String, String> lagText =
        driver.createOutputTopic(topics.lag(), new StringDeserializer(), new StringDeserializer());
    TestOutputTopic<String, String> notificationText =
        driver.createOutputTopic(topics.notifications(), new StringDeserializer(), new StringDeserializer());

    List<KeyValue<String, String>> reports = lagText.readKeyValuesToList();
    List<String> events = notificationText.readValuesToList();

    assertThat(reports).isNotEmpty().allSatisfy(report -> {
      assertThat(report.key).isEqualTo(JOB);
      assertThat(report.value).startsWith("{").contains("\"job_id\":\"" + JOB + "\"", "\"lag_ms\":");
      assertThat(JsonContracts.violations("LagReport", report.value)).isEmpty();
    });
    assertThat(events).anySatisfy(event -> assertThat(event).contains("\"kind\":\"LAG_BELOW_THRESHOLD\""));
    assertThat(events).allSatisfy(event -> assertThat(JsonContracts.violations("Notification", event)).isEmpty());
  }

  @Test
  void theLagIsTheOldestPartitionBehindTheHead() {
    planned(START - 60_000);
    applied(0, START - 1_000);
    applied(1, START - 4_000);
    heartbeat(START, START);

    LagReport report = last(lag.readValuesToList());

    assertThat(report.getLagMs()).isEqualTo(4_000);
    assertThat(report.getPartitions()).extracting(PartitionLag::getPartition, PartitionLag::getLagMs)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(0, 1_000L), org.assertj.core.groups.Tuple.tuple(1, 4_000L));
  }

  @Test
  void theLagOfASyncingJobIsExportedInSecondsUntilTheJobEnds() {
    planned(START - 60_000);
    applied(0, START - 4_000);
    heartbeat(START, START);

    assertThat(registry.scrape()).contains("milvus_migrate_lag_behind_source_seconds{job_id=\"" + JOB + "\"} 4.0");

    control.pipeInput(JOB, cancel(JOB, START));
    advance(2);

    assertThat(registry.scrape()).doesNotContain("milvus_migrate_lag_behind_source_seconds{");
  }

  @Test
  void whenCaptureStopsReportingTheLagGrowsWithTheWallClockAndIsMarkedStale() {
    planned(START - 60_000);
    applied(0, START);
    heartbeat(START, START);
    lag.readValuesToList();

    advance(4);
    List<LagReport> reports = lag.readValuesToList();

    assertThat(reports).isNotEmpty();
    assertThat(last(reports).getLagMs()).isGreaterThanOrEqualTo(4_000);
    assertThat(last(reports).getStale()).isTrue();
  }

  @Test
  void whenTheSinkStopsTheLagGrowsAsCaptureAdvances() {
    planned(START - 60_000);
    applied(0, START);
    heartbeat(START, START);
    for (int second = 1; second <= 20; second++) {
      advance(1);
      heartbeat(START + second * 1000L, START + second * 1000L);
    }

    assertThat(last(lag.readValuesToList()).getLagMs()).isEqualTo(20_000);
  }

  @Test
  void notifiesOnceAfterTheLagStayedBelowTheThresholdForTheHoldTimeAndAgainOnlyAfterGoingAbove() {
    planned(START - 60_000);
    heartbeat(START, START);
    applied(0, START - 2_000);
    advance(4);
    keepUp(4);
    assertThat(notifications.readValuesToList()).as("below for less than the hold time").isEmpty();

    keepUp(8);
    List<Notification> first = notifications.readValuesToList();
    assertThat(first).hasSize(1);
    assertThat(first.get(0).getKind()).isEqualTo(NotificationKind.LAG_BELOW_THRESHOLD);
    assertThat(first.get(0).getMessage()).endsWith("then run: milvus-migrate stop-sync " + JOB
        + " --confirm-writes-stopped --kafka unused:9092 --topic-prefix lag");

    keepUp(12);
    assertThat(notifications.readValuesToList()).as("no repeat while it stays below").isEmpty();

    heartbeat(wall + 30_000, wall);
    assertThat(last(lag.readValuesToList()).getLagMs()).as("far behind a burst").isGreaterThan(10_000);
    applied(0, wall + 30_000);
    keepUp(30);
    assertThat(notifications.readValuesToList()).as("again after it went above and came back").hasSize(1);
    assertThat(registry.counter("milvus.migrate.lag.notifications", "kind", "LAG_BELOW_THRESHOLD").count())
        .isEqualTo(2);
  }

  @Test
  void aCanceledJobIsNoLongerReported() {
    planned(START - 60_000);
    heartbeat(START, START);
    control.pipeInput(JOB, cancel(JOB, START));
    lag.readValuesToList();

    advance(5);

    assertThat(lag.readValuesToList()).isEmpty();
  }

  /** Capture and sink keep pace, half a second apart, until {@code second} seconds after the start. */
  private void keepUp(int second) {
    while (wall < START + second * 1000L) {
      advance(1);
      heartbeat(wall, wall);
      applied(0, wall - 500);
    }
  }

  private void advance(int seconds) {
    wall += seconds * 1000L;
    driver.advanceWallClockTime(Duration.ofSeconds(seconds));
  }

  private void planned(long snapshotWallMs) {
    progress.pipeInput(JOB, new ProgressEvent(new JobPlanned(JOB, ts(snapshotWallMs), List.of(), START)));
  }

  private void applied(int partition, long wallMs) {
    progress.pipeInput(JOB, new ProgressEvent(new SinkProgress(JOB, partition, ts(wallMs), 0L, "sink", wallMs, null, null)));
  }

  private void heartbeat(long sourceWallMs, long at) {
    progress.pipeInput(JOB, new ProgressEvent(new Heartbeat(JOB, ts(sourceWallMs), "capture", null, at)));
  }

  private static long ts(long wallMs) {
    return wallMs << 18;
  }

  private static <T> T last(List<T> values) {
    assertThat(values).isNotEmpty();
    return values.get(values.size() - 1);
  }
}
