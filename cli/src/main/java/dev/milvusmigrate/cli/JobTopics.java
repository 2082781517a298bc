package dev.milvusmigrate.cli;

import dev.milvusmigrate.core.domain.CollectionName;
import dev.milvusmigrate.core.domain.JobId;
import dev.milvusmigrate.core.domain.TopicNames;
import dev.milvusmigrate.kafka.KafkaAccessException;
import dev.milvusmigrate.kafka.KafkaClientKeys;
import dev.milvusmigrate.kafka.KafkaClients;
import dev.milvusmigrate.kafka.KafkaRefusal;
import dev.milvusmigrate.kafka.TopicProvisioner;
import dev.milvusmigrate.lag.VerificationSummary;
import dev.milvusmigrate.schemas.avro.CommandType;
import dev.milvusmigrate.schemas.avro.ControlCommand;
import dev.milvusmigrate.schemas.avro.JobSpec;
import dev.milvusmigrate.schemas.avro.JobStatus;
import dev.milvusmigrate.schemas.avro.ProgressEvent;
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
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/** What the CLI reads from and writes to the shared topics: jobs, statuses, reports, commands. */
public final class JobTopics {

  private final KafkaClients clients;
  private final TopicNames topics;

  JobTopics(KafkaClients clients, TopicNames topics) {
    this.clients = clients;
    this.topics = topics;
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
  Map<String, JobStatus> statuses() {
    Map<String, JobStatus> latest = new LinkedHashMap<>();
    TopicReader.readAll(clients, topics.status(), JobStatus.class).stream()
        .filter(r -> r.value() != null).forEach(r -> latest.put(r.key(), r.value()));
    return latest;
  }

  /**
   * The job's latest status, or null for a job submitted but not folded into a status yet.
   *
   * @throws CliFailure if the job is on none of the topics
   */
  JobStatus statusOfKnownJob(String job) {
    JobStatus status = statuses().get(job);
    if (status == null && !jobs().containsKey(job)) {
      throw unknownJob(job);
    }
    return status;
  }

  /** The sentence for a job id that is on none of the topics. */
  CliFailure unknownJob(String job) {
    return CliFailure.badInput("No job '" + job + "' on Kafka at " + bootstrap() + " under prefix " + topics.prefix()
        + ": run 'milvus-migrate status' to list the jobs.");
  }

  /** Submitted jobs by id. */
  Map<String, JobSpec> jobs() {
    Map<String, JobSpec> jobs = new LinkedHashMap<>();
    TopicReader.readAll(clients, topics.jobs(), JobSpec.class).stream()
        .filter(r -> r.value() != null).forEach(r -> jobs.put(r.key(), r.value()));
    return jobs;
  }

  /** The newest verification report of each collection of the job. */
  List<VerificationReport> verificationReports(JobId job) {
    Map<CollectionName, VerificationReport> latest = new LinkedHashMap<>();
    TopicReader.readAll(clients, topics.progress(), ProgressEvent.class).stream()
        .filter(r -> job.value().equals(r.key()) && r.value() != null)
        .map(r -> r.value().getPayload())
        .filter(VerificationReport.class::isInstance).map(VerificationReport.class::cast)
        .forEach(report -> latest.put(VerificationSummary.collection(report), report));
    return new ArrayList<>(latest.values());
  }

  /** Deletes the job's own topics; the shared ones, with its status, stay. */
  List<String> deleteJobTopics(JobId job) {
    try {
      return new TopicProvisioner(clients, topics, (short) 1).deleteJobTopics(job);
    } catch (KafkaAccessException e) {
      throw CliFailure.badInput(e.getMessage());
    }
  }

  public void submit(JobSpec spec) {
    send(JobSpec.class, topics.jobs(), spec.getJobId(), spec);
  }

  void cancel(String jobId, String requestedBy) {
    command(jobId, CommandType.CANCEL, false, requestedBy);
  }

  /** Sends STOP_SYNC; {@code writesStopped} is the user's confirmation that writes to the source stopped. */
  public void stopSync(String jobId, boolean writesStopped, String requestedBy) {
    command(jobId, CommandType.STOP_SYNC, writesStopped, requestedBy);
  }

  private void command(String jobId, CommandType type, boolean writesStopped, String requestedBy) {
    ControlCommand command = ControlCommand.newBuilder().setCommandId(UUID.randomUUID().toString()).setJobId(jobId)
        .setType(type).setWritesStoppedConfirmed(writesStopped).setRequestedBy(requestedBy)
        .setIssuedAt(System.currentTimeMillis()).build();
    send(ControlCommand.class, topics.control(), jobId, command);
  }

  private <V extends SpecificRecordBase> void send(Class<V> type, String topic, String key, V value) {
    try (KafkaProducer<String, V> producer = clients.producer(type, "milvus-migrate-cli")) {
      producer.send(new ProducerRecord<>(topic, key, value)).get(TopicReader.KAFKA_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw KafkaRefusal.of(KafkaClientKeys.PIPELINE, bootstrap(), e, "writing to " + topic).map(CliFailure::badInput)
          .orElseGet(() -> CliFailure.badInput("Cannot write to " + topic + " on Kafka at " + bootstrap()
          + ": check --kafka and that the broker is running."));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliFailure(ExitCode.INTERNAL_ERROR, "Interrupted while writing to Kafka.");
    }
  }
}
