package dev.milvusmigrate.demo;

import io.milvus.v2.client.MilvusClientV2;
import io.milvus.v2.service.vector.request.DeleteReq;
import io.milvus.v2.service.vector.request.InsertReq;
import io.milvus.v2.service.vector.request.UpsertReq;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The application that keeps writing to the source during the migration, on its own thread, one
 * request at a time at a steady pace, each to a random sample collection: inserts of new keys,
 * upserts of a few hot keys (the same keys rewritten again and again, each time with a new
 * version), and deletes of existing keys.
 */
final class SampleWriter implements AutoCloseable {

  /** Keys 0 to HOT_KEYS - 1 of every collection are the ones upserted again and again. */
  private static final int HOT_KEYS = 25;

  private final MilvusClientV2 client;
  private final List<SampleCollection> collections;
  private final long pauseMillis;
  private final Map<SampleCollection, Long> nextKey = new HashMap<>();
  private final Random random = new Random(2024);
  private final AtomicLong inserts = new AtomicLong();
  private final AtomicLong upserts = new AtomicLong();
  private final AtomicLong deletes = new AtomicLong();
  private final AtomicLong longestNanos = new AtomicLong();
  private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
  private final Thread thread = new Thread(this::run, "demo-writer");
  private volatile boolean running = true;
  private int version;

  /** Writes {@code perSecond} requests a second to collections that hold keys 0 to {@code rows} - 1. */
  SampleWriter(MilvusClientV2 client, List<SampleCollection> collections, int rows, int perSecond) {
    this.client = client;
    this.collections = collections;
    this.pauseMillis = 1000L / perSecond;
    collections.forEach(collection -> nextKey.put(collection, (long) rows));
  }

  SampleWriter start() {
    thread.setDaemon(true);
    thread.start();
    return this;
  }

  private void run() {
    try {
      while (running) {
        long started = System.nanoTime();
        writeOnce(collections.get(random.nextInt(collections.size())));
        longestNanos.accumulateAndGet(System.nanoTime() - started, Math::max);
        Thread.sleep(pauseMillis);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      failure.set(e);
    }
  }

  private void writeOnce(SampleCollection collection) {
    int choice = random.nextInt(10);
    version++;
    if (choice < 4) {
      long key = nextKey.merge(collection, 1L, Long::sum) - 1;
      client.insert(InsertReq.builder().databaseName(collection.database()).collectionName(collection.name())
          .data(List.of(collection.entity().create(key, version))).build());
      inserts.incrementAndGet();
    } else if (choice < 8) {
      long key = random.nextInt(HOT_KEYS);
      client.upsert(UpsertReq.builder().databaseName(collection.database()).collectionName(collection.name())
          .data(List.of(collection.entity().create(key, version))).build());
      upserts.incrementAndGet();
    } else {
      long key = HOT_KEYS + (long) random.nextInt((int) (nextKey.get(collection) - HOT_KEYS));
      client.delete(DeleteReq.builder().databaseName(collection.database()).collectionName(collection.name())
          .ids(List.of(collection.key().apply(key))).build());
      deletes.incrementAndGet();
    }
  }

  /** What the writer did, e.g. "412 inserts, 398 upserts and 190 deletes". */
  String summary() {
    return String.format(Locale.ROOT, "%d inserts, %d upserts and %d deletes", inserts.get(), upserts.get(),
        deletes.get());
  }

  /** Writes acknowledged so far. */
  long writes() {
    return inserts.get() + upserts.get() + deletes.get();
  }

  /** Returns once {@code count} writes were acknowledged, the writer failed, or {@code limit} passed. */
  void awaitWrites(long count, Duration limit) throws InterruptedException {
    long until = System.nanoTime() + limit.toNanos();
    while (writes() < count && failure() == null && System.nanoTime() < until) {
      Thread.sleep(pauseMillis);
    }
  }

  /** The longest time one write took, from its request to its answer. */
  Duration longestWrite() {
    return Duration.ofNanos(longestNanos.get());
  }

  /** The error that stopped the writer, if one did. */
  RuntimeException failure() {
    return failure.get();
  }

  /** Stops after the request in progress: every write counted was acknowledged by the source. */
  @Override
  public void close() throws InterruptedException {
    running = false;
    thread.join();
  }
}
