package dev.milvusmigrate.runtime;

import dev.milvusmigrate.core.domain.JobFailure;
import dev.milvusmigrate.core.domain.TopicNames;
import dev.milvusmigrate.schemas.avro.JobFailed;
import dev.milvusmigrate.schemas.avro.ProgressEvent;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports that a job failed in a service: one {@code JobFailed} on the progress topic, keyed by
 * job, that names the service; waits for Kafka's acknowledgement. A report that cannot be sent is
 * logged, never thrown: the caller is stopping the job's work either way.
 */
public final class JobFailures {

  private static final Logger log = LoggerFactory.getLogger(JobFailures.class);
  private static final long SEND_TIMEOUT_SECONDS = 60;

  private final String service;
  private final TopicNames topics;
  private final Producer<String, ProgressEvent> producer;

  JobFailures(String service, TopicNames topics, Producer<String, ProgressEvent> producer) {
    this.service = service;
    this.topics = topics;
    this.producer = producer;
  }

  /** The job is not for this service (see {@link JobRunnerFactory#refusal}): it fails before any work. */
  void refused(String jobId, String reason) {
    log.error("Refusing job {}: {}", jobId, reason);
    publish(jobId, new JobFailure(reason, null, null));
  }

  /** The job's work failed in a way retrying cannot fix; callable from any thread. */
  public void failed(String jobId, JobFailure failure) {
    try (var context = LogContext.job(jobId)) {
      log.error("Job {} failed in {}: {}", jobId, service, failure.getMessage(), failure);
      publish(jobId, failure);
    }
  }

  private void publish(String jobId, JobFailure failure) {
    JobFailed failed = new JobFailed(jobId, service, failure.database(), failure.collection(), failure.getMessage(),
        failure.getCause() == null ? null : failure.getCause().toString(), System.currentTimeMillis());
    try {
      producer.send(new ProducerRecord<>(topics.progress(), jobId, new ProgressEvent(failed)))
          .get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      log.error("Could not report the failure of job {}: interrupted", jobId);
    } catch (ExecutionException | TimeoutException | KafkaException e) {
      log.error("Could not report the failure of job {}: {}", jobId, e.getMessage());
    }
  }
}
