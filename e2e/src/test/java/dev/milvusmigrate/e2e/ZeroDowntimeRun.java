package dev.milvusmigrate.e2e;

import static org.awaitility.Awaitility.await;

import dev.milvusmigrate.capture.CaptureConfig;
import dev.milvusmigrate.capture.CdcCaptureService;
import dev.milvusmigrate.core.domain.JobId;
import dev.milvusmigrate.core.domain.TopicNames;
import dev.milvusmigrate.exporter.ExporterConfig;
import dev.milvusmigrate.exporter.SnapshotExporterService;
import dev.milvusmigrate.kafka.KafkaClients;
import dev.milvusmigrate.kafka.TopicProvisioner;
import dev.milvusmigrate.lag.LagMonitorConfig;
import dev.milvusmigrate.lag.LagMonitorService;
import dev.milvusmigrate.schemas.avro.CommandType;
import dev.milvusmigrate.schemas.avro.ControlCommand;
import dev.milvusmigrate.schemas.avro.IndexPolicy;
import dev.milvusmigrate.schemas.avro.JobMode;
import dev.milvusmigrate.schemas.avro.JobSpec;
import dev.milvusmigrate.schemas.avro.JobStatus;
import dev.milvusmigrate.schemas.avro.LagReport;
import dev.milvusmigrate.schemas.avro.Notification;
import dev.milvusmigrate.schemas.serde.AvroTrust;
import dev.milvusmigrate.sink.SinkConfig;
import dev.milvusmigrate.sink.SinkWriterService;
import dev.milvusmigrate.testkit.kafka.KafkaBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * One zero-downtime job against a real source and target, every service in this JVM as separate
 * instances that talk only through Kafka: snapshot-exporter, cdc-capture, sink-writer and
 * lag-monitor (lag hold time 2 s). Capture and sink can be replaced mid-job; the job is steered
 * through the control topic, and its status, lag and notifications are read back from Kafka.
 */
final class ZeroDowntimeRun implements AutoCloseable {

  static final int MUTATION_PARTITIONS = 3;

  private final JobId job;
  private final TopicNames topics;
  private final KafkaClients clients;
  private final String sourceUri;
  private final String sourceLogPrefix;
  private final Map<String, String> kafka;
  private final Map<String, String> target;
  private final LagMonitorService lagMonitor;
  private final SnapshotExporterService exporter;
  private final TopicRecords<JobStatus> statuses;
  private final TopicRecords<LagReport> lags;
  private final TopicRecords<Notification> notifications;
  private final List<LagReport> lagReports = new ArrayList<>();
  private final List<Notification> notificationsSeen = new ArrayList<>();
  private CdcCaptureService capture;
  private SinkWriterService sink;
  private JobStatus latest;

  ZeroDowntimeRun(String name, String sourceUri, String sourceLogPrefix, String targetUri, Path lagState) {
    AvroTrust.install();
    String bootstrap = KafkaBroker.shared().bootstrapServers();
    this.job = new JobId(name);
    this.topics = new TopicNames("e2e-" + name);
    this.clients = new KafkaClients(bootstrap, Map.of());
    this.sourceUri = sourceUri;
    this.sourceLogPrefix = sourceLogPrefix;
    this.kafka = Map.of("kafka.bootstrap", bootstrap, "kafka.topic-prefix", topics.prefix(),
        "kafka.replication-factor", "1", "kafka.snapshot-partitions", "2",
        "kafka.mutation-partitions", Integer.toString(MUTATION_PARTITIONS));
    this.target = Map.of("source.uri", sourceUri, "target.uri", targetUri);
    new TopicProvisioner(clients, topics, (short) 1).ensureSharedTopics();
    this.lagMonitor = new LagMonitorService(LagMonitorConfig.of(Map.of(), Map.of(), with(Map.of("lag.state-dir",
        lagState.toString(), "lag.hold", "2s")))).start();
    this.exporter = new SnapshotExporterService(ExporterConfig.of(Map.of(), Map.of(), with(Map.of(
        "source.uri", sourceUri, "exporter.batch.bytes", "16384", "exporter.page.rows", "50",
        "exporter.max-bytes-per-second", "60000")))).start();
    startCaptureAndSink();
    this.statuses = new TopicRecords<>(bootstrap, topics.status(), JobStatus.class);
    this.lags = new TopicRecords<>(bootstrap, topics.lag(), LagReport.class);
    this.notifications = new TopicRecords<>(bootstrap, topics.notifications(), Notification.class);
  }

  JobId job() {
    return job;
  }

  CdcCaptureService capture() {
    return capture;
  }

  SinkWriterService sink() {
    return sink;
  }

  void submit(Long maxSyncMs) throws Exception {
    JobSpec spec = JobSpec.newBuilder().setJobId(job.value()).setMode(JobMode.ZERO_DOWNTIME).setDatabase(null)
        .setCollections(List.of()).setIndexPolicy(IndexPolicy.AUTOINDEX).setSourceLabel(sourceUri)
        .setTargetLabel("target").setMaxSyncDurationMs(maxSyncMs).setSubmittedAt(System.currentTimeMillis()).build();
    send(topics.jobs(), spec);
  }

  void stopSync(boolean writesStopped) throws Exception {
    command(CommandType.STOP_SYNC, writesStopped);
  }

  void cancel() throws Exception {
    command(CommandType.CANCEL, false);
  }

  /** The first status of the job that matches, within the timeout. */
  JobStatus awaitStatus(String what, Duration timeout, Predicate<JobStatus> wanted) {
    return await("job " + job + " " + what).atMost(timeout).until(this::newestStatus, s -> s != null && wanted.test(s));
  }

  Notification awaitNotification(String what, Predicate<Notification> wanted) {
    return await("notification: " + what).atMost(Duration.ofMinutes(2)).until(() -> {
      notifications.poll().stream().filter(n -> n.getJobId().equals(job.value())).forEach(notificationsSeen::add);
      return notificationsSeen.stream().filter(wanted).findFirst().orElse(null);
    }, n -> n != null);
  }

  /** Every lag report of the job read so far. */
  List<LagReport> lagReports() {
    lags.poll().stream().filter(r -> r.getJobId().equals(job.value())).forEach(lagReports::add);
    return List.copyOf(lagReports);
  }

  void stopCaptureAndSink() {
    capture.close();
    sink.close();
  }

  void startCaptureAndSink() {
    capture = new CdcCaptureService(CaptureConfig.of(Map.of(), Map.of(), with(Map.of("source.uri", sourceUri,
        "capture.wal.prefix", sourceLogPrefix, "capture.heartbeat.interval", "200ms",
        "capture.channel.refresh", "1s", "capture.ddl.interval", "1s")))).start();
    sink = new SinkWriterService(SinkConfig.of(Map.of(), Map.of(), with(target))).start();
  }

  private JobStatus newestStatus() {
    statuses.poll().stream().filter(s -> s.getJobId().equals(job.value())).forEach(s -> latest = s);
    return latest;
  }

  private void command(CommandType type, boolean writesStopped) throws Exception {
    send(topics.control(), ControlCommand.newBuilder().setCommandId(UUID.randomUUID().toString())
        .setJobId(job.value()).setType(type).setWritesStoppedConfirmed(writesStopped).setRequestedBy("e2e")
        .setIssuedAt(System.currentTimeMillis()).build());
  }

  @SuppressWarnings("unchecked")
  private <V extends SpecificRecordBase> void send(String topic, V value) throws Exception {
    try (KafkaProducer<String, V> producer = clients.producer((Class<V>) value.getClass(), "e2e-" + topic)) {
      producer.send(new ProducerRecord<>(topic, job.value(), value)).get();
    }
  }

  private Map<String, String> with(Map<String, String> more) {
    Map<String, String> all = new HashMap<>(kafka);
    all.putAll(more);
    return all;
  }

  @Override
  public void close() {
    sink.close();
    capture.close();
    exporter.close();
    lagMonitor.close();
    statuses.close();
    lags.close();
    notifications.close();
  }
}
