package dev.milvusmigrate.console;

import dev.milvusmigrate.core.domain.JobId;
import dev.milvusmigrate.kafka.JobTopics;
import dev.milvusmigrate.kafka.KafkaClients;
import dev.milvusmigrate.kafka.KafkaSettings;
import dev.milvusmigrate.kafka.ServiceAnnouncements;
import dev.milvusmigrate.schemas.JobStates;
import dev.milvusmigrate.schemas.ProxyServing;
import dev.milvusmigrate.schemas.avro.JobMode;
import dev.milvusmigrate.schemas.avro.JobSpec;
import dev.milvusmigrate.schemas.avro.JobStatus;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * What an operator asks of the jobs, written to the jobs and control topics after the same checks
 * as the CLI's: a job is submitted as {@code --external-services} submits it (its topics created,
 * refused when the live services that would run it are all configured for other servers), stop-sync
 * needs the confirmation that writes to the source stopped, and nothing is sent to an ended job.
 */
final class JobCommands {

  private final KafkaSettings kafka;
  private final KafkaClients clients;
  private final JobTopics topics;
  private final JobBoard board;

  JobCommands(KafkaSettings kafka, KafkaClients clients, JobTopics topics, JobBoard board) {
    this.kafka = kafka;
    this.clients = clients;
    this.topics = topics;
    this.board = board;
  }

  /** Submits the job; returns its id. */
  String submit(JobRequest request) {
    JobSpec spec = request.spec();
    if (board.status(spec.getJobId()).isPresent() || topics.jobs().containsKey(spec.getJobId())) {
      throw ApiProblem.conflict("Job '" + spec.getJobId() + "' already exists: choose another jobId or leave it"
          + " out to have one generated.");
    }
    ServiceAnnouncements.read(clients, kafka.topics(), System.currentTimeMillis())
        .refusal(spec.getMode(), spec.getSourceLabel(), spec.getTargetLabel(), "\"%s\"")
        .ifPresent(reason -> {
          throw ApiProblem.conflict(reason);
        });
    if (spec.getCaptureProxy() != null) {
      ProxyServing.refusal(spec.getCaptureProxy(), topics.cutoverOutcomes(spec.getCaptureProxy()).stream()
          .map(ConsumerRecord::value).filter(Objects::nonNull).toList()).ifPresent(reason -> {
            throw ApiProblem.conflict(reason);
          });
    }
    var provisioner = kafka.provisioner(clients);
    provisioner.ensureSharedTopics();
    kafka.ensureJobTopics(provisioner, new JobId(spec.getJobId()), spec.getMode());
    topics.submit(spec);
    return spec.getJobId();
  }

  void stopSync(String job, boolean writesStopped, String requestedBy) {
    if (!writesStopped) {
      throw ApiProblem.badRequest("Stop the applications' writes to the source first, then send"
          + " {\"confirmWritesStopped\": true}: changes made after the fence would not reach the target.");
    }
    JobStatus status = known(job);
    if (status.getMode() != JobMode.ZERO_DOWNTIME) {
      throw ApiProblem.conflict("Job '" + job + "' is an offline job, which ends by itself: cancel it to stop it.");
    }
    running(status, "stop");
    topics.stopSync(job, true, requestedBy);
  }

  /** Sends CUTOVER to the capture-proxy the job names; the job must be a running zero-downtime job captured by one. */
  void cutover(String job, String requestedBy) {
    JobStatus status = known(job);
    if (status.getMode() != JobMode.ZERO_DOWNTIME) {
      throw ApiProblem.conflict("Job '" + job + "' is an offline job, which ends by itself: there is nothing to cut"
          + " over.");
    }
    running(status, "cut over");
    JobSpec spec = topics.jobs().get(job);
    if (spec == null || spec.getCaptureProxy() == null) {
      throw ApiProblem.conflict("Job '" + job + "' reads the source's own log, not a capture-proxy: stop the"
          + " applications' writes and stop the sync with {\"confirmWritesStopped\": true} instead.");
    }
    topics.cutover(job, requestedBy);
  }

  void cancel(String job, String requestedBy) {
    running(known(job), "cancel");
    topics.cancel(job, requestedBy);
  }

  /** The job's status; not found when no status of it was published (yet). */
  JobStatus known(String job) {
    return board.status(job).orElseThrow(() -> ApiProblem.notFound("No job '" + job + "' on Kafka at "
        + kafka.bootstrapServers() + " under prefix " + kafka.topics().prefix() + ": GET /v2/jobs lists the jobs."));
  }

  private static void running(JobStatus status, String verb) {
    if (JobStates.isFinal(status.getState())) {
      throw ApiProblem.conflict("Job '" + status.getJobId() + "' already ended " + status.getState()
          + ": there is nothing to " + verb + ".");
    }
  }
}
