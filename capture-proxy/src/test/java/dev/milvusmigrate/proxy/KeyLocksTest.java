package dev.milvusmigrate.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class KeyLocksTest {

  private final KeyLocks locks = new KeyLocks();
  private final ExecutorService threads = Executors.newCachedThreadPool();

  @AfterEach
  void stop() {
    threads.shutdownNow();
  }

  @Test
  void aWriteSharingAKeyWaitsForTheFirstToRelease() throws Exception {
    KeyLocks.Held first = locks.lockKeys("db.c", List.of(1L, 2L));
    CompletableFuture<KeyLocks.Held> second = lockLater(() -> locks.lockKeys("db.c", List.of(2L, 3L)));
    await().until(() -> locks.waiting("db.c") == 1);
    KeyLocks.Held disjoint = locks.lockKeys("db.c", List.of(4L));
    KeyLocks.Held otherCollection = locks.lockKeys("db.d", List.of(2L));

    assertThat(second).isNotDone();
    first.close();
    second.get(10, TimeUnit.SECONDS).close();
    disjoint.close();
    otherCollection.close();
    assertThat(locks.busy()).isEmpty();
  }

  @Test
  void theCollectionLockWaitsForEveryKeyAndHoldsNewOnesBack() throws Exception {
    KeyLocks.Held key = locks.lockKeys("db.c", List.of(1L));
    CompletableFuture<KeyLocks.Held> collection = lockLater(() -> locks.lockCollection("db.c"));
    await().until(() -> locks.waiting("db.c") == 1);
    CompletableFuture<KeyLocks.Held> later = lockLater(() -> locks.lockKeys("db.c", List.of(9L)));
    await().until(() -> locks.waiting("db.c") == 2);

    assertThat(collection).isNotDone();
    key.close();
    KeyLocks.Held exclusive = collection.get(10, TimeUnit.SECONDS);
    assertThat(locks.waiting("db.c")).isEqualTo(1);
    assertThat(later).isNotDone();
    exclusive.close();
    exclusive.close();
    later.get(10, TimeUnit.SECONDS).close();
    assertThat(locks.busy()).isEmpty();
  }

  private interface Locking {
    KeyLocks.Held lock() throws InterruptedException;
  }

  private CompletableFuture<KeyLocks.Held> lockLater(Locking locking) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        return locking.lock();
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    }, threads);
  }
}
