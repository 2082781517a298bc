package dev.milvusmigrate.core.concurrent;

import java.time.Duration;

/**
 * Exponential backoff for calls that failed because the other side was busy or unreachable: the
 * first retry waits {@code initialBackoff}, each further one twice as long, never more than {@code
 * maxBackoff}; the call is attempted at most {@code maxAttempts} times.
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {

  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
  }

  /** A policy that never gives up by itself: its loop is bounded by time or runs until stopped. */
  public static RetryPolicy unlimited(Duration initialBackoff, Duration maxBackoff) {
    return new RetryPolicy(Integer.MAX_VALUE, initialBackoff, maxBackoff);
  }

  /** Wait before attempt {@code attempt + 1}, after {@code attempt} failed attempts (1-based). */
  public Duration backoffAfter(int attempt) {
    long millis = initialBackoff.toMillis() << Math.min(attempt - 1, 20);
    return Duration.ofMillis(Math.min(millis, maxBackoff.toMillis()));
  }

  /** True once {@code attempt} failed attempts used up the policy. */
  public boolean exhaustedAfter(int attempt) {
    return attempt >= maxAttempts;
  }
}
