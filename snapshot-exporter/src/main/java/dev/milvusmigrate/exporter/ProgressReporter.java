package dev.milvusmigrate.exporter;

import dev.milvusmigrate.core.concurrent.WorkStopped;
import dev.milvusmigrate.core.domain.JobFailure;
import dev.milvusmigrate.core.domain.JobId;
import dev.milvusmigrate.core.domain.TopicNames;
import dev.milvusmigrate.schemas.avro.JobFailed;
import dev.milvusmigrate.schemas.avro.JobPlanned;
import dev.milvusmigrate.schemas.avro.ProgressEvent;
import java.util.List;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Publishes the exporter's plan and failures on a job's progress topic (keyed by job). */
final class ProgressReporter {

  static final String COMPONENT = "snapshot-exporter";
  private static final Logger log = LoggerFactory.getLogger(ProgressReporter.class);

  private final Producer<String, ProgressEvent> producer;
  private final TopicNames topics;

  ProgressReporter(Producer<String, ProgressEvent> producer, TopicNames topics) {
    this.producer = producer;
    this.topics = topics;
  }

  void planned(JobId job, long snapshotTs, List<PlannedCollection> plan) {
    JobPlanned planned = JobPlanned.newBuilder().setJobId(job.value()).setSnapshotTs(snapshotTs)
        .setCollections(plan.stream().map(PlannedCollection::toContract).toList())
        .setAt(System.currentTimeMillis()).build();
    send(job, new ProgressEvent(planned));
    log.info("Job {}: planned {} collections at snapshot ts {}", job, plan.size(), snapshotTs);
  }

  void failed(JobId job, JobFailure failure) {
    JobFailed failed = JobFailed.newBuilder().setJobId(job.value()).setComponent(COMPONENT)
        .setDatabase(failure.database()).setCollection(failure.collection()).setReason(failure.getMessage())
        .setDetails(details(failure)).setAt(System.currentTimeMillis()).build();
    send(job, new ProgressEvent(failed));
    log.error("Job {} failed: {}", job, failure.getMessage());
  }

  /** The cause chain's types and messages; adapter and Kafka messages never carry credentials. */
  private static String details(Throwable failure) {
    StringBuilder details = new StringBuilder();
    for (Throwable cause = failure.getCause(); cause != null; cause = cause.getCause()) {
      details.append(details.length() == 0 ? "" : "\ncaused by ").append(cause.getClass().getName()).append(": ")
          .append(cause.getMessage());
    }
    return details.length() == 0 ? null : details.toString();
  }

  private void send(JobId job, ProgressEvent event) {
    try {
      producer.send(new ProducerRecord<>(topics.progress(), job.value(), event)).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new WorkStopped("interrupted while reporting progress");
    } catch (java.util.concurrent.ExecutionException | KafkaException e) {
      log.error("Job {}: could not publish {} on {}: {}", job, event.getPayload().getClass().getSimpleName(),
          topics.progress(), e.getMessage());
    }
  }
}
