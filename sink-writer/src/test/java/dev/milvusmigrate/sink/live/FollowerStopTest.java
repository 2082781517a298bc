package dev.milvusmigrate.sink.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class FollowerStopTest {

  @Test
  void cutoversAskingAtOnceAndAfterwardsWakeTheFollowerOnce() throws Exception {
    CountDownLatch running = new CountDownLatch(1);
    Thread follower = new Thread(() -> {
      running.countDown();
      try {
        new CountDownLatch(1).await(); // blocks, as a read of the tail does, until interrupted
      } catch (InterruptedException e) {
        // stopped
      }
    });
    follower.start();
    running.await();
    AtomicInteger wakeups = new AtomicInteger();
    FollowerStop stop = new FollowerStop(follower, wakeups::incrementAndGet);

    CompletableFuture.allOf(CompletableFuture.runAsync(stop::stop), CompletableFuture.runAsync(stop::stop)).join();
    stop.stop();

    assertThat(follower.isAlive()).isFalse();
    assertThat(wakeups).as("a wake-up after the follower ended would end a cutover's read").hasValue(1);
  }

  @Test
  void theFollowerStoppingItselfIsNotWoken() {
    AtomicInteger wakeups = new AtomicInteger();
    new FollowerStop(Thread.currentThread(), wakeups::incrementAndGet).stop();

    assertThat(wakeups).hasValue(0);
  }
}
