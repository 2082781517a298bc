package dev.milvusmigrate.proxy;

import dev.milvusmigrate.core.domain.HybridTimestamp;
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
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.InvalidTxnStateException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The proxy's topic of changes. A change is numbered and handed to the producer under one lock, so
 * the numbers increase in the order of the topic (one partition; the producer is idempotent, so
 * its retries neither reorder nor duplicate); {@link #append} returns only once Kafka acknowledged
 * the record ({@code acks=all}). Each record is stamped with the proxy's clock under that lock, so
 * the stamps increase in the order of the topic, and {@link #tick} appends the proxy's watermark.
 *
 * <p>One instance per source (docs/ARCHITECTURE.md, "One active instance"): the producer is
 * transactional with the source's id, so an instance that starts later fences this one, whose next
 * append fails; {@code fenced} is told then. Readers read uncommitted records: a record counts once
 * Kafka acknowledged it, whatever becomes of its transaction, which only serves the fencing and is
 * committed at every tick so that Kafka never times it out.
 */
final class ChangeLog implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ChangeLog.class);
  private static final String TICK_KEY = "";
  /** The one key of the state topic. */
  static final String STATE_KEY = "served";

  private final Producer<String, ProxyChange> producer;
  private final String topic;
  private final String stateTopic;
  private final Duration timeout;
  private final ProxyClock clock;
  private final Runnable fenced;
  private long sequence;
  private boolean inTransaction;
  private boolean isFenced;
  private boolean closed;
  /** The last tick sent. */
  private Future<RecordMetadata> lastTick;

  /**
   * @param producer a transactional producer whose transactions were initialised (fencing earlier instances)
   * @param firstSequence the number of the first change, above those of earlier runs
   * @param fenced told once when a later instance fenced this one
   */
  ChangeLog(Producer<String, ProxyChange> producer, String topic, String stateTopic, Duration timeout,
      long firstSequence, ProxyClock clock, Runnable fenced) {
    this.producer = producer;
    this.topic = topic;
    this.stateTopic = stateTopic;
    this.timeout = timeout;
    this.sequence = firstSequence;
    this.clock = clock;
    this.fenced = fenced;
    producer.beginTransaction();
    this.inTransaction = true;
  }

  /**
   * Appends a tick and waits for Kafka's acknowledgement: every record of an earlier instance,
   * which this one fenced, is below it and visible to every reader.
   *
   * @return the tick's offset
   */
  long mark() {
    Future<RecordMetadata> sent;
    synchronized (this) {
      try {
        sent = producer.send(record(topic, TICK_KEY, tick(clock.watermark())));
      } catch (RuntimeException e) {
        throw refused(e);
      }
    }
    return acknowledged(sent).offset();
  }

  /** Continues after an earlier run's records: numbers above its highest, stamps after its newest. */
  synchronized void continueAfter(OpenIntents earlier) {
    sequence = Math.max(sequence, earlier.highestSequence() + 1);
    clock.notBefore(earlier.newestTs());
  }

  /**
   * Appends the change and waits for Kafka's acknowledgement.
   *
   * @return the change's sequence number
   * @throws IllegalStateException when Kafka did not acknowledge it within the timeout, or this
   *     instance was fenced
   */
  long append(ProxyChange.Builder change) {
    Future<RecordMetadata> sent;
    ProxyChange numbered;
    synchronized (this) {
      numbered = change.setSequence(sequence++).setTs(clock.next()).build();
      try {
        sent = producer.send(record(topic, numbered.getDatabase() + "." + numbered.getCollection(), numbered));
      } catch (RuntimeException e) {
        throw refused(e);
      }
    }
    acknowledged(sent);
    return numbered.getSequence();
  }

  /**
   * Appends a step of a cutover (CUTOVER_STARTED, SWITCHED, CUTOVER_ABANDONED) to the changes and to
   * the state topic and commits it with everything appended before, before the proxy acts on it. A
   * later instance reads the state committed only: either this commit happened before it fenced
   * this instance, and it sees the step, or the commit fails here and this instance does not act.
   *
   * @throws IllegalStateException when Kafka did not take or commit it, or this instance was fenced
   */
  synchronized void commitCutover(ProxyChange.Builder step) {
    ProxyChange numbered = step.setSequence(sequence++).setTs(clock.next()).build();
    try {
      Future<RecordMetadata> change = producer.send(record(topic, TICK_KEY, numbered));
      Future<RecordMetadata> state = producer.send(record(stateTopic, STATE_KEY, numbered));
      acknowledged(change);
      acknowledged(state);
      producer.commitTransaction();
      inTransaction = false;
      producer.beginTransaction();
      inTransaction = true;
    } catch (KafkaException e) {
      if (fencing(e)) {
        throw refused(e);
      }
      abort();
      throw new IllegalStateException("Kafka did not commit the cutover's outcome: " + e.getMessage(), e);
    } catch (IllegalStateException e) {
      if (!isFenced) {
        abort();
      }
      throw e;
    }
  }

  private RecordMetadata acknowledged(Future<RecordMetadata> sent) {
    try {
      return sent.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw refused(e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("Kafka did not acknowledge the change record within " + timeout.toSeconds()
          + " s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for Kafka", e);
    }
  }

  /**
   * Commits the records appended since the last tick and appends the proxy's watermark, without
   * waiting for Kafka to acknowledge the tick: a tick may follow changes stamped later than it,
   * which it allows. While Kafka has not taken the last tick, no other is sent, so none pile up.
   * A commit that timed out is tried again at the next tick; until it succeeds, appends fail.
   */
  synchronized void tick() {
    if (isFenced || (lastTick != null && !lastTick.isDone())) {
      return;
    }
    try {
      if (inTransaction) {
        producer.commitTransaction();
        inTransaction = false;
      }
      producer.beginTransaction();
      inTransaction = true;
      lastTick = producer.send(record(topic, TICK_KEY, tick(clock.watermark())));
    } catch (org.apache.kafka.common.errors.TimeoutException e) {
      throw e;
    } catch (KafkaException e) {
      if (fencing(e)) {
        throw refused(e);
      }
      // An append failed inside the transaction: its application was told; the records Kafka took stay readable.
      log.warn("The capture-proxy's transaction could not be committed ({}); it is aborted and a new one begun.",
          e.getMessage());
      abort();
    }
  }

  private static ProxyChange tick(long watermark) {
    return ProxyChange.newBuilder().setSequence(0).setKind(ProxyChangeKind.TICK).setDatabase("").setCollection("")
        .setPartition("").setRowCount(0).setSourceTs(0).setTs(watermark).build();
  }

  /**
   * A record whose Kafka timestamp is the wall-clock time of its stamp, so that a search by time
   * ({@code offsetsForTimes}) finds the records stamped after a given time ({@link IntentRecovery}).
   */
  private static ProducerRecord<String, ProxyChange> record(String topic, String key, ProxyChange change) {
    return new ProducerRecord<>(topic, null, new HybridTimestamp(change.getTs()).physicalMillis(), key, change);
  }

  /** A producer that cannot even abort can record nothing more: this instance steps down as if fenced. */
  private void abort() {
    try {
      producer.abortTransaction();
      inTransaction = false;
    } catch (KafkaException e) {
      stepDown();
      throw new IllegalStateException("the capture-proxy's Kafka producer cannot record any more ("
          + e.getMessage() + ")", e);
    }
  }

  /**
   * Whether a later instance fenced this one: the producer says so itself, or as the cause of its
   * error state; a commit the coordinator finds in an invalid state is one an instance that took
   * over has aborted.
   */
  private static boolean fencing(Throwable error) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof ProducerFencedException || cause instanceof InvalidProducerEpochException
          || cause instanceof InvalidTxnStateException) {
        return true;
      }
    }
    return false;
  }

  private IllegalStateException refused(Throwable cause) {
    if (fencing(cause)) {
      stepDown();
      return new IllegalStateException("another capture-proxy instance for this source took over", cause);
    }
    return new IllegalStateException("Kafka did not take the change record: " + cause.getMessage(), cause);
  }

  private void stepDown() {
    boolean first;
    synchronized (this) {
      first = !isFenced;
      isFenced = true;
    }
    if (first) {
      fenced.run();
    }
  }

  /** Commits what was appended, unless fenced; closing again does nothing. */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      if (inTransaction && !isFenced) {
        try {
          producer.commitTransaction();
        } catch (KafkaException e) {
          log.warn("The capture-proxy's last transaction was not committed: {}", e.getMessage());
        }
      }
    }
    producer.close(timeout);
  }
}
