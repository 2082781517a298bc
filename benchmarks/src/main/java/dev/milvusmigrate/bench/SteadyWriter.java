package dev.milvusmigrate.bench;

import dev.milvusmigrate.milvus.ColumnarWriter;
import dev.milvusmigrate.milvus.MilvusSession;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A sustained write load on the source: {@code rowsPerSecond} rows a second in requests of
 * {@code batchRows}, from {@code threads} writers each scheduled at a fixed rate (a late request is
 * followed at once by the next, so the rate catches up). With a {@link Mix}, a share of the requests
 * upsert or delete rows written before instead of inserting new ones. The benchmark reports the
 * rate achieved next to the one asked for.
 */
final class SteadyWriter implements AutoCloseable {

  /** The shares of the requests that upsert and that delete earlier rows; the others insert new rows. */
  record Mix(double upserts, double deletes) {
    static final Mix INSERTS = new Mix(0, 0);

    @Override
    public String toString() {
      return String.format("inserts with %.0f%% upserts and %.0f%% deletes", upserts * 100, deletes * 100);
    }
  }

  private final SyntheticCollection collection;
  private final MilvusSession source;
  private final String database;
  private final int batchRows;
  private final Mix mix;
  private final int threads;
  private final SplittableRandom seeds = new SplittableRandom(7);
  private final AtomicLong written = new AtomicLong();
  private final AtomicLong nextId;
  /** The rows below this id were written before this writer started: the ones it upserts and deletes. */
  private final long earlier;
  private final ScheduledExecutorService scheduler;

  SteadyWriter(SyntheticCollection collection, MilvusSession source, String database, long firstId, int batchRows) {
    this(collection, source, database, firstId, batchRows, Mix.INSERTS, 1);
  }

  /** @param firstId the first id it inserts; the rows below it are the earlier ones it may upsert and delete */
  SteadyWriter(SyntheticCollection collection, MilvusSession source, String database, long firstId, int batchRows,
      Mix mix, int threads) {
    this.collection = collection;
    this.source = source;
    this.database = database;
    this.batchRows = batchRows;
    this.mix = mix;
    this.threads = threads;
    this.nextId = new AtomicLong(firstId);
    this.earlier = firstId;
    this.scheduler = Executors.newScheduledThreadPool(threads, runnable -> new Thread(runnable, "steady-writer"));
  }

  SteadyWriter start(int rowsPerSecond) {
    long periodMicros = 1_000_000L * batchRows * threads / rowsPerSecond;
    for (int i = 0; i < threads; i++) {
      SplittableRandom random = seeds.split();
      scheduler.scheduleAtFixedRate(() -> writeBatch(random), 0, periodMicros, TimeUnit.MICROSECONDS);
    }
    return this;
  }

  /** Writes as fast as the source acknowledges, from every thread, for {@code duration}; returns rows a second. */
  double flatOut(Duration duration) throws InterruptedException, ExecutionException {
    long started = System.nanoTime();
    long deadline = started + duration.toNanos();
    List<Future<?>> writers = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      SplittableRandom random = seeds.split();
      writers.add(scheduler.submit(() -> {
        while (System.nanoTime() < deadline) {
          writeBatch(random);
        }
      }));
    }
    for (Future<?> writer : writers) {
      writer.get();
    }
    return written.get() / ((System.nanoTime() - started) / 1e9);
  }

  long rowsWritten() {
    return written.get();
  }

  /** The next id an insert would take: where a later writer of the same collection starts. */
  long nextId() {
    return nextId.get();
  }

  private void writeBatch(SplittableRandom random) {
    double draw = earlier == 0 ? 1 : random.nextDouble();
    if (draw < mix.deletes()) {
      collection.delete(source, database, earlierIds(random));
    } else if (draw < mix.deletes() + mix.upserts()) {
      collection.write(source, database, ColumnarWriter.Mode.UPSERT, earlierIds(random), random);
    } else {
      collection.insert(source, database, nextId.getAndAdd(batchRows), batchRows, random);
    }
    written.addAndGet(batchRows);
  }

  /**
   * Consecutive ids of rows written before this writer started (some deleted since, which an upsert
   * writes again and a delete leaves as is): never an id an insert of this writer may still be writing,
   * which an upsert would otherwise duplicate.
   */
  private long[] earlierIds(SplittableRandom random) {
    int count = (int) Math.min(batchRows, earlier);
    long first = random.nextLong(earlier - count + 1);
    long[] ids = new long[count];
    for (int i = 0; i < count; i++) {
      ids[i] = first + i;
    }
    return ids;
  }

  /** Stops; every row counted was acknowledged by the source. */
  @Override
  public void close() throws InterruptedException {
    scheduler.shutdown();
    if (!scheduler.awaitTermination(30, TimeUnit.SECONDS)) {
      throw new IllegalStateException("the writer did not stop within 30 s");
    }
  }
}
