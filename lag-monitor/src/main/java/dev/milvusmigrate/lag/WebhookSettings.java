package dev.milvusmigrate.lag;

import java.time.Duration;

/**
 * How notifications are POSTed: where, how often a failed POST is tried, the wait before the first
 * retry (doubling per retry, up to {@link #MAX_BACKOFF}) and how long one POST may take.
 */
record WebhookSettings(WebhookEndpoint endpoint, int maxAttempts, Duration initialBackoff, Duration timeout) {

  static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

  /** Wait before attempt {@code attempt + 1}, after {@code attempt} failed attempts (1-based). */
  Duration backoffAfter(int attempt) {
    Duration doubled = initialBackoff.multipliedBy(1L << Math.min(attempt - 1, 16));
    return doubled.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : doubled;
  }
}
