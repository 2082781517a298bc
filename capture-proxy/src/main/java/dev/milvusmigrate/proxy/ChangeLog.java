package dev.milvusmigrate.proxy;

import dev.milvusmigrate.schemas.avro.ProxyChange;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * The proxy's topic of changes. A change is numbered and handed to the producer under one lock, so
 * the numbers increase in the order of the topic (one partition; the producer is idempotent, so
 * its retries neither reorder nor duplicate); {@link #append} returns only once Kafka acknowledged
 * the record ({@code acks=all}).
 */
final class ChangeLog implements AutoCloseable {

  private final Producer<String, ProxyChange> producer;
  private final String topic;
  private final Duration timeout;
  private long sequence;

  /** @param firstSequence the number of the first change, above those of earlier runs */
  ChangeLog(Producer<String, ProxyChange> producer, String topic, Duration timeout, long firstSequence) {
    this.producer = producer;
    this.topic = topic;
    this.timeout = timeout;
    this.sequence = firstSequence;
  }

  /**
   * Appends the change and waits for Kafka's acknowledgement.
   *
   * @throws IllegalStateException when Kafka did not acknowledge it within the timeout
   */
  void append(ProxyChange.Builder change) {
    Future<RecordMetadata> sent;
    synchronized (this) {
      ProxyChange numbered = change.setSequence(sequence++).build();
      try {
        sent = producer.send(new ProducerRecord<>(topic, numbered.getDatabase() + "." + numbered.getCollection(),
            numbered));
      } catch (RuntimeException e) {
        throw new IllegalStateException("Kafka did not take the change record: " + e.getMessage(), e);
      }
    }
    try {
      sent.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException("Kafka did not take the change record: " + e.getCause().getMessage(),
          e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("Kafka did not acknowledge the change record within " + timeout.toSeconds()
          + " s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for Kafka", e);
    }
  }

  @Override
  public void close() {
    producer.close(timeout);
  }
}
