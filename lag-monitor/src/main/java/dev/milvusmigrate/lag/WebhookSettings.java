package dev.milvusmigrate.lag;

import dev.milvusmigrate.core.concurrent.RetryPolicy;
import java.time.Duration;

/**
 * How notifications are POSTed: where, how often a failed POST is tried, the wait before the first
 * retry (doubling per retry, up to {@link #MAX_BACKOFF}) and how long one POST may take.
 */
record WebhookSettings(WebhookEndpoint endpoint, int maxAttempts, Duration initialBackoff, Duration timeout) {

  static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

  /** Wait before attempt {@code attempt + 1}, after {@code attempt} failed attempts (1-based). */
  Duration backoffAfter(int attempt) {
    return new RetryPolicy(maxAttempts, initialBackoff, MAX_BACKOFF).backoffAfter(attempt);
  }
}
