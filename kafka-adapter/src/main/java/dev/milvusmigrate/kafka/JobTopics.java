package dev.milvusmigrate.kafka;

import dev.milvusmigrate.core.domain.CollectionName;
import dev.milvusmigrate.core.domain.JobId;
import dev.milvusmigrate.core.domain.TopicNames;
import dev.milvusmigrate.schemas.avro.CommandType;
import dev.milvusmigrate.schemas.avro.ControlCommand;
import dev.milvusmigrate.schemas.avro.JobSpec;
import dev.milvusmigrate.schemas.avro.JobStatus;
import dev.milvusmigrate.schemas.avro.LagReport;
import dev.milvusmigrate.schemas.avro.Notification;
import dev.milvusmigrate.schemas.avro.ProgressEvent;
import dev.milvusmigrate.schemas.avro.ProxyChange;
import dev.milvusmigrate.schemas.avro.VerificationReport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * What the CLI and the console read from and write to the shared topics: jobs, statuses, reports,
 * commands. Errors are {@link KafkaAccessException}s with one sentence.
 */
public final class JobTopics {

  private final KafkaClients clients;
  private final TopicNames topics;
  private final String clientId;

  /** @param clientId names the writer on the broker, e.g. {@code milvus-migrate-cli} */
  public JobTopics(KafkaClients clients, TopicNames topics, String clientId) {
    this.clients = clients;
    this.topics = topics;
    this.clientId = clientId;
  }

  public TopicNames names() {
    return topics;
  }

  public String bootstrap() {
    return clients.bootstrapServers();
  }

  /** Clients of the pipeline's Kafka, with its security settings. */
  public KafkaClients clients() {
    return clients;
  }

  /** The latest status of every job, in the order jobs first appeared. */
  public Map<String, JobStatus> statuses() {
    return latest(topics.status(), JobStatus.class);
  }

  /** The latest Lag Behind Source report of every zero-downtime job that has one. */
  public Map<String, LagReport> latestLag() {
    return latest(topics.lag(), LagReport.class);
  }

  /** The latest notification of every job that has one. */
  public Map<String, Notification> latestNotifications() {
    return latest(topics.notifications(), Notification.class);
  }

  private <V extends SpecificRecordBase> Map<String, V> latest(String topic, Class<V> type) {
    Map<String, V> latest = new LinkedHashMap<>();
    TopicReader.readAll(clients, topic, type).stream()
        .filter(r -> r.value() != null).forEach(r -> latest.put(r.key(), r.value()));
    return latest;
  }

  /** Submitted jobs by id. */
  public Map<String, JobSpec> jobs() {
    return latest(topics.jobs(), JobSpec.class);
  }

  /** The newest verification report of each collection of the job. */
  public List<VerificationReport> verificationReports(JobId job) {
    Map<CollectionName, VerificationReport> latest = new LinkedHashMap<>();
    TopicReader.readAll(clients, topics.progress(), ProgressEvent.class).stream()
        .filter(r -> job.value().equals(r.key()) && r.value() != null)
        .map(r -> r.value().getPayload())
        .filter(VerificationReport.class::isInstance).map(VerificationReport.class::cast)
        .forEach(report -> latest.put(new CollectionName(report.getDatabase(), report.getCollection()), report));
    return new ArrayList<>(latest.values());
  }

  /** Deletes the job's own topics; the shared ones, with its status, stay. */
  public List<String> deleteJobTopics(JobId job) {
    return new TopicProvisioner(clients, topics, (short) 1).deleteJobTopics(job);
  }

  public void submit(JobSpec spec) {
    send(JobSpec.class, topics.jobs(), spec.getJobId(), spec);
  }

  public void cancel(String jobId, String requestedBy) {
    command(jobId, CommandType.CANCEL, false, requestedBy);
  }

  /** Sends STOP_SYNC; {@code writesStopped} is the user's confirmation that writes to the source stopped. */
  public void stopSync(String jobId, boolean writesStopped, String requestedBy) {
    command(jobId, CommandType.STOP_SYNC, writesStopped, requestedBy);
  }

  /**
   * Sends CUTOVER: the capture-proxy the job names holds the writes, stops the sync itself and
   * serves the target once the job is SUCCESSFUL.
   */
  public void cutover(String jobId, String requestedBy) {
    command(jobId, CommandType.CUTOVER, false, requestedBy);
  }

  /**
   * The outcomes of the cutovers of the capture-proxy in front of {@code sourceId} (its state
   * topic: SWITCHED, CUTOVER_ABANDONED) with their offsets, oldest first; empty before its first.
   */
  public List<ConsumerRecord<String, ProxyChange>> cutoverOutcomes(String sourceId) {
    return TopicReader.readAll(clients, topics.proxyState(sourceId), ProxyChange.class);
  }

  private void command(String jobId, CommandType type, boolean writesStopped, String requestedBy) {
    ControlCommand command = ControlCommand.newBuilder().setCommandId(UUID.randomUUID().toString()).setJobId(jobId)
        .setType(type).setWritesStoppedConfirmed(writesStopped).setRequestedBy(requestedBy)
        .setIssuedAt(System.currentTimeMillis()).build();
    send(ControlCommand.class, topics.control(), jobId, command);
  }

  private <V extends SpecificRecordBase> void send(Class<V> type, String topic, String key, V value) {
    try (KafkaProducer<String, V> producer = clients.producer(type, clientId)) {
      producer.send(new ProducerRecord<>(topic, key, value)).get(TopicReader.KAFKA_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new KafkaAccessException(KafkaRefusal.of(KafkaClientKeys.PIPELINE, bootstrap(), e, "writing to " + topic)
          .orElseGet(() -> "Cannot write to " + topic + " on Kafka at " + bootstrap()
          + ": check the Kafka bootstrap servers and that the broker is running."), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KafkaAccessException("Interrupted while writing to " + topic + " on Kafka at " + bootstrap() + ".", e);
    }
  }
}
