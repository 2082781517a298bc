package dev.milvusmigrate.e2e;

import static org.awaitility.Awaitility.await;

import dev.milvusmigrate.core.domain.JobId;
import dev.milvusmigrate.core.domain.TopicNames;
import dev.milvusmigrate.kafka.KafkaClients;
import dev.milvusmigrate.schemas.avro.CommandType;
import dev.milvusmigrate.schemas.avro.ControlCommand;
import dev.milvusmigrate.schemas.avro.IndexPolicy;
import dev.milvusmigrate.schemas.avro.JobMode;
import dev.milvusmigrate.schemas.avro.JobSpec;
import dev.milvusmigrate.schemas.avro.JobStatus;
import dev.milvusmigrate.schemas.avro.LagReport;
import dev.milvusmigrate.schemas.avro.Notification;
import dev.milvusmigrate.schemas.avro.ProgressEvent;
import dev.milvusmigrate.schemas.avro.VerificationReport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * A zero-downtime job seen from Kafka only, as the CLI sees it: submitted to the jobs topic,
 * steered through the control topic, its status, lag and notifications read back from their
 * topics.
 */
final class JobControl implements AutoCloseable {

  private final JobId job;
  private final TopicNames topics;
  private final KafkaClients clients;
  private final String sourceLabel;
  private final String targetLabel;
  private final TopicRecords<JobStatus> statuses;
  private final TopicRecords<LagReport> lags;
  private final TopicRecords<Notification> notifications;
  private final TopicRecords<ProgressEvent> progress;
  private final List<VerificationReport> verifications = new ArrayList<>();
  private final List<LagReport> lagReports = new ArrayList<>();
  private final List<Notification> notificationsSeen = new ArrayList<>();
  private JobStatus latest;

  /** The job's topics must exist (provisioned); the labels are the addresses the services are configured for. */
  JobControl(String bootstrap, TopicNames topics, JobId job, String sourceLabel, String targetLabel) {
    this.job = job;
    this.topics = topics;
    this.clients = new KafkaClients(bootstrap, Map.of());
    this.sourceLabel = sourceLabel;
    this.targetLabel = targetLabel;
    this.statuses = new TopicRecords<>(bootstrap, topics.status(), JobStatus.class);
    this.lags = new TopicRecords<>(bootstrap, topics.lag(), LagReport.class);
    this.notifications = new TopicRecords<>(bootstrap, topics.notifications(), Notification.class);
    this.progress = new TopicRecords<>(bootstrap, topics.progress(), ProgressEvent.class);
  }

  JobId job() {
    return job;
  }

  TopicNames topics() {
    return topics;
  }

  void submit(Long maxSyncMs) throws Exception {
    submit(maxSyncMs, null);
  }

  /** @param captureProxy the source id of the capture-proxy to capture from; null for the source's log */
  void submit(Long maxSyncMs, String captureProxy) throws Exception {
    submit(maxSyncMs, captureProxy, null);
  }

  /** A zero-downtime job of one database of the source ({@code zdm --database}). */
  void submitScoped(String database, String captureProxy) throws Exception {
    submit(null, captureProxy, database);
  }

  private void submit(Long maxSyncMs, String captureProxy, String database) throws Exception {
    JobSpec spec = JobSpec.newBuilder().setJobId(job.value()).setMode(JobMode.ZERO_DOWNTIME).setDatabase(database)
        .setCollections(List.of()).setIndexPolicy(IndexPolicy.AUTOINDEX).setSourceLabel(sourceLabel)
        .setTargetLabel(targetLabel).setMaxSyncDurationMs(maxSyncMs).setCaptureProxy(captureProxy)
        .setSubmittedAt(System.currentTimeMillis()).build();
    send(topics.jobs(), spec);
  }

  void stopSync(boolean writesStopped) throws Exception {
    command(CommandType.STOP_SYNC, writesStopped);
  }

  /** Asks the capture-proxy the job names to cut it over (CUTOVER). */
  void cutover() throws Exception {
    command(CommandType.CUTOVER, false);
  }

  void cancel() throws Exception {
    command(CommandType.CANCEL, false);
  }

  /** The first status of the job that matches, within the timeout. */
  JobStatus awaitStatus(String what, Duration timeout, Predicate<JobStatus> wanted) {
    return await("job " + job + " " + what).atMost(timeout).until(this::newestStatus, s -> s != null && wanted.test(s));
  }

  /** The newest status of the job read so far, or null before the first. */
  JobStatus newestStatus() {
    statuses.poll().stream().filter(s -> s.getJobId().equals(job.value())).forEach(s -> latest = s);
    return latest;
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

  /** Every verification report of the job read so far. */
  List<VerificationReport> verificationReports() {
    progress.poll().stream().map(ProgressEvent::getPayload).filter(VerificationReport.class::isInstance)
        .map(VerificationReport.class::cast).filter(r -> job.value().equals(r.getJobId())).forEach(verifications::add);
    return List.copyOf(verifications);
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

  @Override
  public void close() {
    statuses.close();
    lags.close();
    notifications.close();
    progress.close();
  }
}
