package dev.milvusmigrate.exporter;

import dev.milvusmigrate.core.concurrent.RetryPolicy;
import dev.milvusmigrate.core.concurrent.StopSignal;
import dev.milvusmigrate.core.concurrent.WorkStopped;
import dev.milvusmigrate.core.domain.CollectionName;
import dev.milvusmigrate.core.domain.JobFailure;
import dev.milvusmigrate.milvus.MilvusAccessException;
import dev.milvusmigrate.milvus.MilvusCatalog;
import dev.milvusmigrate.milvus.TemporaryLoad;
import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs source calls, retrying those that failed because the source was busy or unreachable with
 * exponential backoff for at most a bounded time; every other Milvus error, and one that keeps
 * failing past the bound, becomes an {@link JobFailure} carrying the adapter's sentence.
 */
final class Retry {

  private static final Logger log = LoggerFactory.getLogger(Retry.class);
  /** Unlimited attempts: the loop is bounded by {@code maxDuration} instead. */
  private static final RetryPolicy POLICY = RetryPolicy.unlimited(Duration.ofMillis(200), Duration.ofSeconds(10));

  private final Duration maxDuration;
  private final StopSignal stop;
  private final Runnable onRetry;

  /** @param onRetry runs before each retry, e.g. to count it */
  Retry(Duration maxDuration, StopSignal stop, Runnable onRetry) {
    this.maxDuration = maxDuration;
    this.stop = stop;
    this.onRetry = onRetry;
  }

  /** Retries {@code call}; a failure names the collection. */
  <T> T call(String what, CollectionName collection, Supplier<T> call) {
    return call(what, collection.database(), collection.collection(), call);
  }

  /**
   * As {@link #call(String, CollectionName, Supplier)}, for calls about a database or the whole
   * source too: {@code database} and {@code collection} may be null, as in {@link JobFailure}.
   */
  <T> T call(String what, String database, String collection, Supplier<T> call) {
    long deadline = System.nanoTime() + maxDuration.toNanos();
    for (int attempt = 1; ; attempt++) {
      stop.check();
      try {
        return call.get();
      } catch (MilvusAccessException e) {
        if (!e.isRetryable()) {
          throw new JobFailure(e.getMessage(), database, collection, e);
        }
        Duration backoff = POLICY.backoffAfter(attempt);
        if (System.nanoTime() + backoff.toNanos() > deadline) {
          throw new JobFailure("Gave up after retrying for " + maxDuration.toSeconds() + " s: " + e.getMessage(),
              database, collection, e);
        }
        log.warn("Retrying in {} ms to {}: {}", backoff.toMillis(), what, e.getMessage());
        onRetry.run();
        pause(backoff);
      }
    }
  }

  /** Loads the collection for reading if it is not loaded, retrying busy or unreachable sources. */
  TemporaryLoad load(MilvusCatalog catalog, CollectionName name) {
    return call("load " + name + " for reading", name, () -> TemporaryLoad.ensureLoaded(catalog, name));
  }

  void run(String what, CollectionName collection, Runnable call) {
    call(what, collection, () -> {
      call.run();
      return null;
    });
  }

  /** Waits out the backoff; a stop or an interrupt meanwhile ends the call. */
  private void pause(Duration backoff) {
    if (stop.awaitStop(backoff)) {
      stop.check();
      throw new WorkStopped("interrupted while waiting to retry");
    }
  }
}
