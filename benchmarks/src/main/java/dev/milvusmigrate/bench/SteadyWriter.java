package dev.milvusmigrate.bench;

import dev.milvusmigrate.milvus.MilvusSession;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A sustained insert load on the source: {@code rowsPerSecond} new rows a second in requests of
 * {@code batchRows}, scheduled at a fixed rate (a late request is followed at once by the next,
 * so the rate catches up). The benchmark reports the rate achieved next to the one asked for.
 */
final class SteadyWriter implements AutoCloseable {

  private final SyntheticCollection collection;
  private final MilvusSession source;
  private final String database;
  private final int batchRows;
  private final SplittableRandom random = new SplittableRandom(7);
  private final AtomicLong written = new AtomicLong();
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
      runnable -> new Thread(runnable, "steady-writer"));
  private long nextId;

  SteadyWriter(SyntheticCollection collection, MilvusSession source, String database, long firstId, int batchRows) {
    this.collection = collection;
    this.source = source;
    this.database = database;
    this.batchRows = batchRows;
    this.nextId = firstId;
  }

  SteadyWriter start(int rowsPerSecond) {
    long periodMicros = 1_000_000L * batchRows / rowsPerSecond;
    scheduler.scheduleAtFixedRate(this::writeBatch, 0, periodMicros, TimeUnit.MICROSECONDS);
    return this;
  }

  long rowsWritten() {
    return written.get();
  }

  private void writeBatch() {
    collection.insert(source, database, nextId, batchRows, random);
    nextId += batchRows;
    written.addAndGet(batchRows);
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
