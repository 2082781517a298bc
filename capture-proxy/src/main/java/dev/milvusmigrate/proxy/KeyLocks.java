package dev.milvusmigrate.proxy;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Locks on the primary keys of a collection, held by a write from before it is forwarded until its
 * record was appended, so that two writes sharing a key are never at the source at once: the
 * source applies them, and the log records them, in the order they got their locks. A delete by
 * filter, whose keys are unknown until it runs, locks the whole collection. Waiting for the
 * collection stops new key locks of it, so a filter delete is not starved.
 */
final class KeyLocks {

  private final Map<String, Locked> collections = new HashMap<>();

  /** A held lock; releasing twice releases once. */
  interface Held extends AutoCloseable {
    @Override
    void close();
  }

  /** Waits until none of {@code keys} of {@code collection} is locked and the collection is not, then locks them. */
  synchronized Held lockKeys(String collection, Collection<?> keys) throws InterruptedException {
    Locked locked = collections.computeIfAbsent(collection, name -> new Locked());
    Set<Object> wanted = Set.copyOf(keys);
    locked.keyWaiting++;
    try {
      while (locked.exclusive || locked.exclusiveWaiting > 0 || wanted.stream().anyMatch(locked.keys::contains)) {
        wait();
      }
    } finally {
      locked.keyWaiting--;
    }
    locked.keys.addAll(wanted);
    locked.shared++;
    return release(() -> {
      locked.keys.removeAll(wanted);
      locked.shared--;
      forgetIfFree(collection, locked);
    });
  }

  /** Waits until nothing of {@code collection} is locked, then locks all of it. */
  synchronized Held lockCollection(String collection) throws InterruptedException {
    Locked locked = collections.computeIfAbsent(collection, name -> new Locked());
    locked.exclusiveWaiting++;
    boolean acquired = false;
    try {
      while (locked.exclusive || locked.shared > 0) {
        wait();
      }
      acquired = true;
    } finally {
      locked.exclusiveWaiting--;
      if (!acquired) {
        forgetIfFree(collection, locked);
        notifyAll();
      }
    }
    locked.exclusive = true;
    return release(() -> {
      locked.exclusive = false;
      forgetIfFree(collection, locked);
    });
  }

  /** The collections with a lock held or awaited; for tests. */
  synchronized List<String> busy() {
    return List.copyOf(collections.keySet());
  }

  /** How many writes wait for a lock of {@code collection}; for tests. */
  synchronized int waiting(String collection) {
    Locked locked = collections.get(collection);
    return locked == null ? 0 : locked.keyWaiting + locked.exclusiveWaiting;
  }

  private Held release(Runnable unlock) {
    boolean[] released = {false};
    return () -> {
      synchronized (this) {
        if (!released[0]) {
          released[0] = true;
          unlock.run();
          notifyAll();
        }
      }
    };
  }

  private void forgetIfFree(String collection, Locked locked) {
    if (!locked.exclusive && locked.shared == 0 && locked.exclusiveWaiting == 0 && locked.keyWaiting == 0) {
      collections.remove(collection, locked);
    }
  }

  private static final class Locked {
    final Set<Object> keys = new HashSet<>();
    int shared;
    int exclusiveWaiting;
    int keyWaiting;
    boolean exclusive;
  }
}
