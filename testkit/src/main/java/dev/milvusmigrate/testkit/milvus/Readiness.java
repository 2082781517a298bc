package dev.milvusmigrate.testkit.milvus;

import static org.awaitility.Awaitility.await;

import dev.milvusmigrate.testkit.process.ChildProcess;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.awaitility.core.ConditionTimeoutException;

/** Waits until a freshly started server answers, failing fast with its log if it dies first. */
public final class Readiness {

  private static final int LOG_LINES = 40;
  private static final Duration POLL = Duration.ofMillis(250);

  private Readiness() {
  }

  /** Returns when {@code ready} holds; otherwise stops the process and throws with its log tail. */
  public static void awaitServing(String server, ChildProcess process, Duration timeout, BooleanSupplier ready) {
    try {
      await(server + " ready").atMost(timeout).pollInterval(POLL).until(() -> {
        if (!process.isAlive()) {
          throw new IllegalStateException(server + " exited before it became ready\n" + process.describe(LOG_LINES));
        }
        return ready.getAsBoolean();
      });
    } catch (ConditionTimeoutException e) {
      String description = process.describe(LOG_LINES);
      process.close();
      throw new IllegalStateException(server + " was not ready within " + timeout + "\n" + description, e);
    }
  }
}
