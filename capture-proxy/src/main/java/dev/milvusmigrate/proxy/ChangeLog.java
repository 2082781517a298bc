package dev.milvusmigrate.proxy;

import dev.milvusmigrate.schemas.avro.ProxyChange;
import dev.milvusmigrate.schemas.avro.ProxyChangeKind;
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
 * the record ({@code acks=all}). Each record is stamped with the proxy's clock under that lock, so
 * the stamps increase in the order of the topic, and {@link #tick} appends the proxy's watermark.
 */
final class ChangeLog implements AutoCloseable {

  private static final String TICK_KEY = "";

  private final Producer<String, ProxyChange> producer;
  private final String topic;
  private final Duration timeout;
  private final ProxyClock clock;
  private long sequence;
  /** The last tick sent; only the ticker's thread touches it. */
  private Future<RecordMetadata> lastTick;

  /** @param firstSequence the number of the first change, above those of earlier runs */
  ChangeLog(Producer<String, ProxyChange> producer, String topic, Duration timeout, long firstSequence,
      ProxyClock clock) {
    this.producer = producer;
    this.topic = topic;
    this.timeout = timeout;
    this.sequence = firstSequence;
    this.clock = clock;
  }

  /**
   * Appends the change and waits for Kafka's acknowledgement.
   *
   * @throws IllegalStateException when Kafka did not acknowledge it within the timeout
   */
  void append(ProxyChange.Builder change) {
    Future<RecordMetadata> sent;
    synchronized (this) {
      ProxyChange numbered = change.setSequence(sequence++).setTs(clock.next()).build();
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

  /**
   * Appends the proxy's watermark without waiting for Kafka's acknowledgement, and without the lock
   * of the changes: a tick may follow changes stamped later than it, which it allows, and a send
   * that waits for an absent Kafka holds no write back. While Kafka has not taken the last tick,
   * no other is sent, so none pile up.
   */
  void tick() {
    if (lastTick != null && !lastTick.isDone()) {
      return;
    }
    lastTick = producer.send(new ProducerRecord<>(topic, TICK_KEY, ProxyChange.newBuilder().setSequence(0)
        .setKind(ProxyChangeKind.TICK).setDatabase("").setCollection("").setPartition("").setRowCount(0)
        .setSourceTs(0).setTs(clock.watermark()).build()));
  }

  @Override
  public void close() {
    producer.close(timeout);
  }
}
