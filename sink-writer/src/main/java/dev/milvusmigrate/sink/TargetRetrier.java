package dev.milvusmigrate.sink;

import dev.milvusmigrate.core.concurrent.RetryPolicy;
import dev.milvusmigrate.core.concurrent.StopSignal;
import dev.milvusmigrate.core.domain.CollectionName;
import dev.milvusmigrate.core.domain.JobFailure;
import dev.milvusmigrate.milvus.MilvusAccessException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a Milvus call, retrying with bounded exponential backoff while the server is busy or
 * unreachable; gives up with a {@link JobFailure} after the last attempt or on any other error.
 */
final class TargetRetrier {

  private static final Logger log = LoggerFactory.getLogger(TargetRetrier.class);

  private final RetryPolicy policy;
  private final StopSignal stop;
  private final Runnable onRetry;

  /** @param onRetry runs before each retry, e.g. to count it */
  TargetRetrier(RetryPolicy policy, StopSignal stop, Runnable onRetry) {
    this.policy = policy;
    this.stop = stop;
    this.onRetry = onRetry;
  }

  /** A call that concerns no one collection, such as listing the source's collections. */
  <T> T call(String what, Supplier<T> action) {
    return call(what, null, action, () -> { });
  }

  /**
   * @param what what the call does, for messages ("writing batch 3 of db.c")
   * @param collection the collection a failure is reported for, or null
   * @param onFailedAttempt runs after each failed attempt, e.g. to write the retry as an upsert
   */
  <T> T call(String what, CollectionName collection, Supplier<T> action, Runnable onFailedAttempt) {
    for (int attempt = 1; ; attempt++) {
      try {
        return action.get();
      } catch (MilvusAccessException e) {
        onFailedAttempt.run();
        if (!e.isRetryable()) {
          throw new JobFailure(capitalized(what) + " failed: " + e.getMessage(), databaseOf(collection),
              collectionOf(collection), e);
        }
        if (policy.exhaustedAfter(attempt)) {
          throw new JobFailure("Gave up " + what + " after " + attempt + " attempts: " + e.getMessage(),
              databaseOf(collection), collectionOf(collection), e);
        }
        log.warn("{} failed (attempt {} of {}), retrying: {}", capitalized(what), attempt, policy.maxAttempts(),
            e.getMessage());
        onRetry.run();
        if (stop.awaitStop(policy.backoffAfter(attempt))) {
          throw new SinkStopped();
        }
      }
    }
  }

  void run(String what, CollectionName collection, Runnable action) {
    call(what, collection, () -> {
      action.run();
      return null;
    }, () -> { });
  }

  private static String databaseOf(CollectionName collection) {
    return collection == null ? null : collection.database();
  }

  private static String collectionOf(CollectionName collection) {
    return collection == null ? null : collection.collection();
  }

  private static String capitalized(String text) {
    return Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }
}
