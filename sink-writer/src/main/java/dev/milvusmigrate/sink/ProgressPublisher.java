package dev.milvusmigrate.sink;

import dev.milvusmigrate.kafka.KafkaAccessException;
import dev.milvusmigrate.schemas.avro.CollectionCopied;
import dev.milvusmigrate.schemas.avro.JobFailed;
import dev.milvusmigrate.schemas.avro.ProgressEvent;
import dev.milvusmigrate.schemas.avro.VerificationReport;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Publishes what the sink reports about a job on its progress topic, keyed by job id, and waits
 * for Kafka to acknowledge each event, so an offset is never committed before its report is out.
 */
final class ProgressPublisher {

  static final String COMPONENT = "sink-writer";
  private static final long SEND_TIMEOUT_SECONDS = 60;

  private final Producer<String, ProgressEvent> producer;
  private final String topic;
  private final String jobId;

  ProgressPublisher(Producer<String, ProgressEvent> producer, String topic, String jobId) {
    this.producer = producer;
    this.topic = topic;
    this.jobId = jobId;
  }

  void collectionCopied(String database, String collection, long rowsCopied, boolean complete) {
    publish(new CollectionCopied(jobId, database, collection, rowsCopied, complete, System.currentTimeMillis()));
  }

  void verified(VerificationReport report) {
    publish(report);
  }

  void failed(String database, String collection, String reason, String details) {
    publish(new JobFailed(jobId, COMPONENT, database, collection, reason, details, System.currentTimeMillis()));
  }

  private void publish(Object payload) {
    try {
      producer.send(new ProducerRecord<>(topic, jobId, new ProgressEvent(payload)))
          .get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new KafkaAccessException("Cannot publish progress of job " + jobId + " on " + topic + ": "
          + (e.getCause() == null ? e : e.getCause()).getMessage() + ".", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SinkStopped();
    }
  }
}
