package dev.milvusmigrate.milvus;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for a server-side state change by asking again at a fixed interval, up to a timeout. */
final class Polling {

  private static final Duration INTERVAL = Duration.ofMillis(200);

  private Polling() {}

  static void until(BooleanSupplier done, Duration timeout, Supplier<MilvusAccessException> onTimeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw onTimeout.get();
      }
      pause();
    }
  }

  private static void pause() {
    try {
      Thread.sleep(INTERVAL.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MilvusAccessException(MilvusAccessException.Kind.SERVER_ERROR,
          "Interrupted while waiting for Milvus; the operation may still complete on the server.", e);
    }
  }
}
