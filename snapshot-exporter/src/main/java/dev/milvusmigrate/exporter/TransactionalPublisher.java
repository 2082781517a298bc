package dev.milvusmigrate.exporter;

import dev.milvusmigrate.core.concurrent.StopSignal;
import dev.milvusmigrate.core.concurrent.WorkStopped;
import dev.milvusmigrate.kafka.SentBytes;
import java.util.List;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits each exporter transaction with the job's one transactional producer. Its
 * transactional id is stable per (prefix, job, instance), so creating it fenced any predecessor
 * and aborted what that left open. Collections exported in parallel share it, one transaction
 * at a time; a transaction stopped before its commit is aborted, so nothing half-written is seen.
 */
final class TransactionalPublisher implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(TransactionalPublisher.class);

  private final KafkaProducer<String, SpecificRecordBase> producer;
  private final StopSignal stop;
  private boolean closed;

  TransactionalPublisher(KafkaProducer<String, SpecificRecordBase> producer, StopSignal stop) {
    this.producer = producer;
    this.stop = stop;
  }

  static String transactionalId(String topicPrefix, String jobId, int instanceIndex) {
    return topicPrefix + ".snapshot-exporter." + jobId + "." + instanceIndex;
  }

  /** Commits the records in one transaction; returns their serialized size in bytes (keys and values). */
  synchronized long commit(List<ProducerRecord<String, SpecificRecordBase>> records) {
    if (closed) {
      throw new WorkStopped("the publisher is closed");
    }
    stop.check();
    producer.beginTransaction();
    SentBytes bytes = new SentBytes();
    try {
      records.forEach(record -> producer.send(record, bytes));
      if (stop.isStopped()) {
        producer.abortTransaction();
        stop.check();
      }
      producer.commitTransaction();
      return bytes.total();
    } catch (ProducerFencedException | InvalidProducerEpochException e) {
      closed = true;
      stop.stop("fenced by a newer exporter instance with the same transactional id");
      throw new WorkStopped("fenced by a newer exporter instance with the same transactional id");
    } catch (InterruptException e) {
      // The commit may still complete: the next instance, fencing this one, finds whether it did.
      abortQuietly();
      throw new WorkStopped("interrupted while committing a transaction");
    } catch (KafkaException e) {
      abortQuietly();
      throw e;
    }
  }

  /** Aborts what is open; a commit already under way cannot be aborted, and is left to finish or be fenced. */
  private void abortQuietly() {
    try {
      producer.abortTransaction();
    } catch (KafkaException | IllegalStateException e) {
      log.warn("Could not abort the open transaction: {}", e.getMessage());
    }
  }

  @Override
  public synchronized void close() {
    closed = true;
    producer.close();
  }
}
