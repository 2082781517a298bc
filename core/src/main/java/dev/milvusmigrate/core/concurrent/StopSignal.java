package dev.milvusmigrate.core.concurrent;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Tells the threads of one piece of work (a job's export, capture or sink) to stop: they check it
 * between calls, and a waiting loop (e.g. a retry backoff) ends as soon as it is set. The first
 * reason given is kept.
 */
public final class StopSignal {

  private final AtomicReference<String> reason = new AtomicReference<>();
  private final CountDownLatch stopped = new CountDownLatch(1);

  public void stop(String why) {
    reason.compareAndSet(null, why);
    stopped.countDown();
  }

  public boolean isStopped() {
    return reason.get() != null;
  }

  /** Throws {@link WorkStopped} with the reason once {@link #stop} was called. */
  public void check() {
    String why = reason.get();
    if (why != null) {
      throw new WorkStopped(why);
    }
  }

  /**
   * Waits up to {@code timeout}; true if stopped meanwhile, or if the waiting thread was interrupted
   * (its interrupt flag is kept, so the caller can tell).
   */
  public boolean awaitStop(Duration timeout) {
    try {
      return stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return true;
    }
  }
}
