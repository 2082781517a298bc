package dev.milvusmigrate.bench;

import dev.milvusmigrate.milvus.MilvusSession;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Applications writing at a fixed rate of write requests, as the cutover benchmark measures them:
 * {@code writers} threads, each issuing its share of {@code writesPerSecond} inserts of
 * {@code rowsPerWrite} new rows. A write's latency runs from when it was due, not from when it
 * was sent, so a write queued behind a held one counts its wait too (no coordinated omission).
 * A write that fails is counted, its rows not: they were never acknowledged.
 */
final class PacedWrites implements AutoCloseable {

  /** One write: when it was due (wall ms) and how long after that it was acknowledged (µs). */
  record Write(long dueAtMillis, long latencyMicros) {}

  private final SyntheticCollection collection;
  private final MilvusSession session;
  private final String database;
  private final int rowsPerWrite;
  private final ScheduledExecutorService scheduler;
  private final int writers;
  private final AtomicLong nextId;
  private final AtomicLong acknowledgedRows = new AtomicLong();
  private final ConcurrentLinkedQueue<Write> writes = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();

  PacedWrites(SyntheticCollection collection, MilvusSession session, String database, long firstId, int rowsPerWrite,
      int writers) {
    this.collection = collection;
    this.session = session;
    this.database = database;
    this.rowsPerWrite = rowsPerWrite;
    this.writers = writers;
    this.nextId = new AtomicLong(firstId);
    this.scheduler = Executors.newScheduledThreadPool(writers, runnable -> new Thread(runnable, "paced-writer"));
  }

  PacedWrites start(int writesPerSecond) {
    long periodNanos = 1_000_000_000L * writers / writesPerSecond;
    long startNanos = System.nanoTime();
    long startMillis = System.currentTimeMillis();
    SplittableRandom seeds = new SplittableRandom(11);
    for (int writer = 0; writer < writers; writer++) {
      long offset = periodNanos * writer / writers;
      Writer task = new Writer(seeds.split(), startNanos, startMillis, offset, periodNanos);
      scheduler.scheduleAtFixedRate(task, offset, periodNanos, TimeUnit.NANOSECONDS);
    }
    return this;
  }

  /** One thread's writes: the k-th is due {@code offset + k * period} after the start. */
  private final class Writer implements Runnable {

    private final SplittableRandom random;
    private final long startNanos;
    private final long startMillis;
    private final long offsetNanos;
    private final long periodNanos;
    private long sent;

    Writer(SplittableRandom random, long startNanos, long startMillis, long offsetNanos, long periodNanos) {
      this.random = random;
      this.startNanos = startNanos;
      this.startMillis = startMillis;
      this.offsetNanos = offsetNanos;
      this.periodNanos = periodNanos;
    }

    @Override
    public void run() {
      long sinceStart = offsetNanos + sent++ * periodNanos;
      long firstId = nextId.getAndAdd(rowsPerWrite);
      try {
        collection.insert(session, database, firstId, rowsPerWrite, random);
        acknowledgedRows.addAndGet(rowsPerWrite);
        long latencyNanos = System.nanoTime() - startNanos - sinceStart;
        writes.add(new Write(startMillis + sinceStart / 1_000_000, latencyNanos / 1000));
      } catch (RuntimeException e) {
        failures.add(e.getMessage());
      }
    }
  }

  long acknowledgedRows() {
    return acknowledgedRows.get();
  }

  List<Write> writes() {
    return new ArrayList<>(writes);
  }

  List<String> failures() {
    return new ArrayList<>(failures);
  }

  /** Stops; every write counted was answered. */
  @Override
  public void close() throws InterruptedException {
    scheduler.shutdown();
    if (!scheduler.awaitTermination(60, TimeUnit.SECONDS)) {
      throw new IllegalStateException("the writers did not stop within 60 s");
    }
  }
}
