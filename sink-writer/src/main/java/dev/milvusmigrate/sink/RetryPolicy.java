package dev.milvusmigrate.sink;

import java.time.Duration;

/** Bounded exponential backoff for target calls that failed because the target was busy or unreachable. */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {

  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
  }

  /** Wait before attempt {@code attempt + 1}, after {@code attempt} failed attempts (1-based). */
  public Duration backoffAfter(int attempt) {
    long millis = initialBackoff.toMillis() << Math.min(attempt - 1, 20);
    return Duration.ofMillis(Math.min(millis, maxBackoff.toMillis()));
  }
}
