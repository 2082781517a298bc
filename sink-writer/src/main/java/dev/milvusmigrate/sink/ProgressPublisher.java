package dev.milvusmigrate.sink;

import dev.milvusmigrate.core.domain.CollectionName;
import dev.milvusmigrate.kafka.KafkaAccessException;
import dev.milvusmigrate.schemas.avro.CollectionCopied;
import dev.milvusmigrate.schemas.avro.JobFailed;
import dev.milvusmigrate.schemas.avro.ProgressEvent;
import dev.milvusmigrate.schemas.avro.SinkProgress;
import dev.milvusmigrate.schemas.avro.VerificationReport;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes what the sink reports about a job on the progress topic, keyed by job id. Rows copied
 * in the middle of a collection and applied watermarks are sent without waiting (they are
 * cumulative: a later report covers a lost one, and waiting would leave the target idle between
 * writes); the final count, verification reports and failures wait for Kafka's acknowledgement
 * before the sink goes on.
 */
final class ProgressPublisher {

  static final String COMPONENT = "sink-writer";
  private static final Logger log = LoggerFactory.getLogger(ProgressPublisher.class);
  private static final long SEND_TIMEOUT_SECONDS = 60;

  private final Producer<String, ProgressEvent> producer;
  private final String topic;
  private final String jobId;

  ProgressPublisher(Producer<String, ProgressEvent> producer, String topic, String jobId) {
    this.producer = producer;
    this.topic = topic;
    this.jobId = jobId;
  }

  void collectionCopied(CollectionName collection, long rowsCopied, boolean complete) {
    CollectionCopied copied = new CollectionCopied(jobId, collection.database(), collection.collection(), rowsCopied,
        complete, System.currentTimeMillis());
    if (complete) {
      publish(copied);
    } else {
      sendWithoutWaiting(copied, rowsCopied + " rows of " + collection.qualified());
    }
  }

  /** The applied watermark of a mutations partition; sent without waiting, it is cumulative. */
  void sinkProgress(int partition, long appliedTs, long rowsApplied, String sinkInstance) {
    sendWithoutWaiting(watermark(partition, appliedTs, rowsApplied, sinkInstance).build(),
        "applied watermark of mutations partition " + partition);
  }

  /** Everything before the stop-sync fence of a mutations partition is on the target; waits for Kafka. */
  void fenceDrained(int partition, long fenceTs, int partitions, long rowsApplied, String sinkInstance) {
    publish(watermark(partition, fenceTs, rowsApplied, sinkInstance).setFenceTs(fenceTs).setPartitions(partitions)
        .build());
  }

  private SinkProgress.Builder watermark(int partition, long appliedTs, long rowsApplied, String sinkInstance) {
    return SinkProgress.newBuilder().setJobId(jobId).setPartition(partition).setAppliedTs(appliedTs)
        .setRowsApplied(rowsApplied).setSinkInstance(sinkInstance).setAt(System.currentTimeMillis());
  }

  void verified(VerificationReport report) {
    publish(report);
  }

  /** @param database the failed collection's, or null (a failure of the whole job), as in {@link JobFailed} */
  void failed(String database, String collection, String reason, String details) {
    publish(new JobFailed(jobId, COMPONENT, database, collection, reason, details, System.currentTimeMillis()));
  }

  private void publish(Object payload) {
    try {
      producer.send(record(payload)).get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new KafkaAccessException("Cannot publish progress of job " + jobId + " on " + topic + ": "
          + (e.getCause() == null ? e : e.getCause()).getMessage() + ".", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SinkStopped();
    }
  }

  private void sendWithoutWaiting(Object payload, String what) {
    producer.send(record(payload), (metadata, error) -> {
      if (error != null) {
        log.warn("Could not report progress of job {} ({}); a later report covers it: {}", jobId, what,
            error.getMessage());
      }
    });
  }

  private ProducerRecord<String, ProgressEvent> record(Object payload) {
    return new ProducerRecord<>(topic, jobId, new ProgressEvent(payload));
  }
}
