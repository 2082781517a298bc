package dev.milvusmigrate.exporter;

import dev.milvusmigrate.core.concurrent.WorkStopped;

/**
 * Limits the bytes read from the source per second for one job (all its collections together),
 * so a migration can run next to production traffic. Zero means no limit.
 */
final class Throttle {

  private final long bytesPerSecond;
  private long nextFreeNanos = System.nanoTime();

  Throttle(long bytesPerSecond) {
    this.bytesPerSecond = bytesPerSecond;
  }

  /** Accounts for {@code bytes} just read and waits until the rate allows the next read. */
  void pace(long bytes) {
    if (bytesPerSecond <= 0) {
      return;
    }
    long waitNanos;
    synchronized (this) {
      long now = System.nanoTime();
      nextFreeNanos = Math.max(nextFreeNanos, now) + bytes * 1_000_000_000L / bytesPerSecond;
      waitNanos = nextFreeNanos - now;
    }
    if (waitNanos > 0) {
      try {
        Thread.sleep(waitNanos / 1_000_000, (int) (waitNanos % 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new WorkStopped("interrupted while pacing reads");
      }
    }
  }
}
