package dev.milvusmigrate.runtime;

import dev.milvusmigrate.core.concurrent.RetryPolicy;
import dev.milvusmigrate.core.concurrent.StopSignal;
import java.time.Duration;
import java.util.Optional;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a job's worker rides out an outage of Kafka: it closes its clients, waits a bounded backoff
 * and starts again with new ones from its last commit, as a restarted process would, for as long
 * as the job lives. Each outage is logged once when it begins and once when it ends, not once per
 * attempt. Only a failure that says the job itself is wrong (a denied permission, an invalid topic,
 * a record Kafka will never take, an unsupported version) is not retried.
 */
public final class KafkaOutage {

  private static final Logger log = LoggerFactory.getLogger(KafkaOutage.class);

  /** What a failure means for the worker that caught it. */
  public enum Verdict {
    /** Not a failure of Kafka: the caller handles it as before. */
    NOT_KAFKA,
    /** Kafka is away, slow, or left the client unusable: new clients will do once it answers. */
    TRANSIENT,
    /** Kafka answered, and retrying cannot change the answer: the job fails. */
    JOB_IS_WRONG
  }

  private final String worker;
  private final RetryPolicy policy;
  private final StopSignal stop;
  private int attempts;

  /**
   * @param worker for the log, e.g. {@code Capture of job j1}
   * @param policy the backoff between attempts; its attempt limit is ignored (the job's end stops it)
   */
  public KafkaOutage(String worker, RetryPolicy policy, StopSignal stop) {
    this.worker = worker;
    this.policy = policy;
    this.stop = stop;
  }

  /** Classifies {@code failure} by its cause chain. */
  public static Verdict of(Throwable failure) {
    Verdict verdict = Verdict.NOT_KAFKA;
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof AuthorizationException || cause instanceof InvalidTopicException
          || cause instanceof RecordTooLargeException || cause instanceof UnsupportedVersionException
          || cause instanceof SerializationException) {
        return Verdict.JOB_IS_WRONG;
      }
      if (cause instanceof KafkaException || isClientState(cause)) {
        verdict = Verdict.TRANSIENT;
      }
    }
    return verdict;
  }

  /**
   * A Kafka client that refuses a call because of an earlier one, e.g. a producer whose
   * {@code commitTransaction} timed out refusing {@code abortTransaction}: only a new client helps.
   */
  private static boolean isClientState(Throwable cause) {
    StackTraceElement[] stack = cause.getStackTrace();
    return cause instanceof IllegalStateException && stack.length > 0
        && stack[0].getClassName().startsWith("org.apache.kafka.clients.");
  }

  /** The denied permission in {@code failure}'s cause chain, if that is why Kafka refused. */
  public static Optional<AuthorizationException> denial(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof AuthorizationException denied) {
        return Optional.of(denied);
      }
    }
    return Optional.empty();
  }

  /**
   * Waits before the next attempt with new clients, logging the outage on its first failure only.
   *
   * @return false if the work was stopped meanwhile (no further attempt)
   */
  public boolean backOff(Throwable failure) {
    if (stop.isStopped()) {
      return false;
    }
    Duration backoff = policy.backoffAfter(++attempts);
    if (attempts == 1) {
      log.warn("{} lost Kafka ({}); it starts again from its last commit with new clients, every {} at most,"
          + " until Kafka answers or the job ends.", worker, failure.getMessage(), policy.maxBackoff());
    } else {
      log.debug("{}: Kafka still fails (attempt {}): {}", worker, attempts, failure.getMessage());
    }
    return !stop.awaitStop(backoff);
  }

  /** The work made progress through Kafka: an outage in course ends (logged once). */
  public void recovered() {
    if (attempts > 0) {
      log.info("{} works with Kafka again after {} attempt(s).", worker, attempts);
      attempts = 0;
    }
  }

  /** Failed attempts in the current outage; 0 when there is none. */
  public int attempts() {
    return attempts;
  }
}
