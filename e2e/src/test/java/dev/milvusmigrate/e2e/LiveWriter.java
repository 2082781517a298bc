package dev.milvusmigrate.e2e;

import com.google.gson.JsonObject;
import io.milvus.v2.client.MilvusClientV2;
import io.milvus.v2.service.collection.request.CreateCollectionReq;
import io.milvus.v2.service.vector.request.DeleteReq;
import io.milvus.v2.service.vector.request.InsertReq;
import io.milvus.v2.service.vector.request.UpsertReq;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;

/**
 * An application that keeps writing to one source collection on its own thread: inserts of new
 * keys, upserts of a small set of hot keys (the same keys rewritten again and again), deletes of
 * the entity inserted moments before, and deletes and re-inserts of hot keys. The source itself
 * is the oracle: the test compares the target with it once the writer stopped.
 */
final class LiveWriter implements AutoCloseable {

  private static final int HOT_KEYS = 20;
  private static final int ITEM_DIM = 8;

  private final MilvusClientV2 client;
  private final String collection;
  private final BiFunction<Long, Integer, JsonObject> row;
  private final Random random;
  private final AtomicInteger operations = new AtomicInteger();
  private final AtomicInteger failedWrites = new AtomicInteger();
  private final AtomicLong longestNanos = new AtomicLong();
  private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
  private final boolean ridesOutOutages;
  private final Thread thread;
  private volatile boolean running = true;
  private long nextKey;
  /** The write that failed, tried again before any other while the writer rides out outages. */
  private Write pending;

  /** One write of the application: one or two calls; a retry makes inserts upserts, so it is idempotent. */
  @FunctionalInterface
  private interface Write {
    void run(boolean retry);
  }

  /**
   * @param firstNewKey keys at or above it are new; keys 1..{@value #HOT_KEYS} are rewritten
   * @param row the row for a key at a given version
   */
  LiveWriter(MilvusClientV2 client, String collection, long firstNewKey, long seed,
      BiFunction<Long, Integer, JsonObject> row) {
    this(client, collection, firstNewKey, seed, row, false);
  }

  private LiveWriter(MilvusClientV2 client, String collection, long firstNewKey, long seed,
      BiFunction<Long, Integer, JsonObject> row, boolean ridesOutOutages) {
    this.ridesOutOutages = ridesOutOutages;
    this.client = client;
    this.collection = collection;
    this.nextKey = firstNewKey;
    this.row = row;
    this.random = new Random(seed);
    this.thread = new Thread(this::run, "live-writer-" + collection);
  }

  /**
   * A writer that keeps trying while the source (or the proxy in front of it) is down, as an
   * application would: a failed write is counted, not taken as acknowledged, and tried again after
   * a pause until it succeeds, its inserts then made as upserts (whether the failed attempt took
   * effect is unknown). The source, not the writer, is the oracle.
   */
  static LiveWriter ridingOutOutages(MilvusClientV2 client, String collection, long firstNewKey, long seed,
      BiFunction<Long, Integer, JsonObject> row) {
    return new LiveWriter(client, collection, firstNewKey, seed, row, true);
  }

  /** A collection of items: int64 {@code id}, a {@code title}, an 8-dimensional {@code embedding}. */
  static CreateCollectionReq.CollectionSchema itemSchema() {
    return SourceDatabase.schema(false, Rows.intKey("id"), Rows.varchar("title", 64), Rows.vector("embedding", ITEM_DIM));
  }

  /** The item with this key at this version (each write of a key changes its title and vector). */
  static JsonObject item(Long key, Integer version) {
    JsonObject row = new JsonObject();
    row.addProperty("id", key);
    row.addProperty("title", "key " + key + " version " + version);
    row.add("embedding", Rows.vector((int) (key * 13 + version), ITEM_DIM));
    return row;
  }

  LiveWriter start() {
    thread.start();
    return this;
  }

  int operations() {
    RuntimeException failed = failure.get();
    if (failed != null) {
      throw new IllegalStateException("the live writer of " + collection + " failed", failed);
    }
    return operations.get();
  }

  /** Writes that failed, when it rides out outages. */
  int failedWrites() {
    return failedWrites.get();
  }

  /** The longest time one operation took, e.g. a write held during a cutover. */
  Duration longestOperation() {
    return Duration.ofNanos(longestNanos.get());
  }

  private void run() {
    while (running) {
      try {
        long start = System.nanoTime();
        boolean retry = pending != null;
        if (!retry) {
          pending = nextWrite();
        }
        pending.run(retry);
        pending = null;
        longestNanos.accumulateAndGet(System.nanoTime() - start, Math::max);
        operations.incrementAndGet();
      } catch (RuntimeException e) {
        if (!ridesOutOutages) {
          failure.set(e);
          return;
        }
        failedWrites.incrementAndGet();
        pauseAfterFailure();
      }
    }
  }

  /**
   * Makes, on this writer's client and without a thread, the first {@code count} operations of the
   * writer with the same seed and first key: its writes depend on nothing but those, so this is what
   * a server holds after them.
   */
  void replay(int count) {
    while (operations.get() < count) {
      writeOnce();
      operations.incrementAndGet();
    }
  }

  private static void pauseAfterFailure() {
    try {
      Thread.sleep(500);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void writeOnce() {
    nextWrite().run(false);
  }

  /** The next write, its random choices made now so that a retry repeats it exactly. */
  private Write nextWrite() {
    int version = operations.get();
    int choice = random.nextInt(10);
    if (choice < 4) {
      long key = nextKey++;
      return retry -> {
        insert(key, version, retry);
        if (choice == 0) {
          delete(key);
        }
      };
    } else if (choice < 8) {
      long first = 1 + random.nextInt(HOT_KEYS - 2);
      return retry -> {
        List<JsonObject> rows = new ArrayList<>();
        rows.add(row.apply(first, version));
        rows.add(row.apply(first + 1, version));
        client.upsert(UpsertReq.builder().collectionName(collection).data(rows).build());
      };
    } else if (choice == 8) {
      long key = 1L + random.nextInt(HOT_KEYS);
      return retry -> delete(key);
    }
    long key = 1L + random.nextInt(HOT_KEYS);
    return retry -> {
      delete(key);
      insert(key, version, retry);
    };
  }

  private void insert(long key, int version, boolean retry) {
    List<JsonObject> rows = List.of(row.apply(key, version));
    if (retry) {
      client.upsert(UpsertReq.builder().collectionName(collection).data(rows).build());
    } else {
      client.insert(InsertReq.builder().collectionName(collection).data(rows).build());
    }
  }

  private void delete(long key) {
    client.delete(DeleteReq.builder().collectionName(collection).ids(List.of(key)).build());
  }

  /** Stops after the write in progress; every write it made was acknowledged by the source. */
  @Override
  public void close() throws InterruptedException {
    running = false;
    thread.join();
  }
}
