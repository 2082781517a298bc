package dev.milvusmigrate.sink.live;

import java.time.Duration;

/**
 * Stops the {@link ChangeFollower}'s thread once, however many collections' cutovers ask at once
 * (they run in parallel): the follower is woken from a blocking read of the mutations tail and
 * interrupted only while it runs. A wake-up sent after it ended stays pending on the tail's
 * consumer and ends the next read of it, a cutover's, which stopped the sink without ending the job.
 */
final class FollowerStop {

  private static final Duration PATIENCE = Duration.ofSeconds(30);

  private final Thread follower;
  private final Runnable wakeup;

  FollowerStop(Thread follower, Runnable wakeup) {
    this.follower = follower;
    this.wakeup = wakeup;
  }

  /** Returns once the follower ended (or after 30 s); the follower's own thread returns at once. */
  synchronized void stop() {
    if (follower == Thread.currentThread() || !follower.isAlive()) {
      return;
    }
    wakeup.run();
    follower.interrupt(); // a read in flight is abandoned rather than awaited: the cutover reads again
    try {
      follower.join(PATIENCE.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
