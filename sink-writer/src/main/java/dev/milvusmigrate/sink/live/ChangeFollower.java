package dev.milvusmigrate.sink.live;

import dev.milvusmigrate.core.domain.CollectionName;
import dev.milvusmigrate.schemas.avro.CollectionSchema;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live verification's thread: takes the end offsets O of the mutations topic, waits until the
 * sink committed them (everything before O is on the target), scans the (partition, key) pairs of
 * every collection loaded on both sides (the baseline), then follows the topic's record keys from
 * O: every changed entity is compared once the sink committed its last change, and again after any
 * later one. Starts again from scratch after an error. A collection whose keys do not fit the
 * limits ({@link LiveSettings}) is left to the full verification at stop-sync; the others stay covered.
 */
final class ChangeFollower implements Runnable {

  private static final Logger log = LoggerFactory.getLogger(ChangeFollower.class);
  /** How long changes gather before the due ones are compared: fewer, larger reads. */
  private static final Duration ROUND = Duration.ofSeconds(3);
  private static final int KEYS_PER_ROUND = 50_000;

  private final LiveJob job;
  private final LiveState state;
  private final MutationTail tail;
  private final SinkOffsets offsets;
  private final BooleanSupplier stopping;

  ChangeFollower(LiveJob job, LiveState state, MutationTail tail, SinkOffsets offsets, BooleanSupplier stopping) {
    this.job = job;
    this.state = state;
    this.tail = tail;
    this.offsets = offsets;
    this.stopping = stopping;
  }

  @Override
  public void run() {
    while (!stopping.getAsBoolean()) {
      try {
        state.reset();
        baseline();
        followChanges();
      } catch (BaselineScan.Abandoned | WakeupException e) {
        return; // stopped
      } catch (RuntimeException e) {
        if (!stopping.getAsBoolean()) {
          log.warn("Live verification of job {} starts again after an error: {}", job.id(), e.getMessage());
          pause(Duration.ofSeconds(5));
        }
      }
    }
  }

  private void baseline() {
    Map<Integer, Long> start = tail.seekToEnd();
    // Every change before the start offsets has a source timestamp before this one ...
    long sourceTs = job.source().catalog().currentTimestamp();
    while (!offsets.reached(start)) {
      tail.poll(ROUND, state::record);
    }
    // ... and is on the target before this one; what changed after is compared anyway.
    BaselineScan.Timestamps asOf = new BaselineScan.Timestamps(sourceTs, job.target().catalog().currentTimestamp());
    long began = System.nanoTime();
    List<CollectionSchema> covered = new ArrayList<>();
    for (CollectionSchema schema : job.collections().get()) {
      CollectionName collection = new CollectionName(schema.getDatabase(), schema.getCollection());
      state.schema(collection, schema);
      if (job.loaded().readable(schema, job.targetDatabase(schema))) {
        covered.add(schema);
      } else {
        state.leaveToFullVerification(collection);
      }
    }
    for (CollectionSchema schema : covered) {
      scan(schema, asOf);
    }
    state.baselineComplete();
    job.meters().baselineTaken();
    log.info("Live verification of job {}: baseline of {} collections ({} keys) in {} ms, {} left to the full"
        + " verification at stop-sync (not loaded, or past the key limits); following changes.", job.id(),
        state.baselines(), state.baselineKeys(), (System.nanoTime() - began) / 1_000_000, state.uncoveredCount());
  }

  /**
   * The baseline of one collection, within what is left of {@code sink.verify.live.max-keys}; a
   * collection with more keys, or one left to the full verification while it was scanned (too many
   * changed keys), keeps none and is left to the full verification at stop-sync.
   */
  private void scan(CollectionSchema schema, BaselineScan.Timestamps asOf) {
    CollectionName collection = new CollectionName(schema.getDatabase(), schema.getCollection());
    if (state.isUncovered(collection)) {
      return;
    }
    String targetDb = job.targetDatabase(schema);
    PartitionLayout layout = PartitionLayout.of(schema,
        job.target().catalog().describeCollection(collection.in(targetDb)));
    long keysLeft = job.settings().maxKeys() - state.baselineKeys();
    try {
      state.baseline(collection, job.scans().scan(schema, targetDb, layout, asOf, keysLeft,
          () -> stopping.getAsBoolean() || state.isUncovered(collection), () -> compareChanges(Duration.ZERO),
          key -> state.changed().contains(collection, key)));
    } catch (BaselineScan.Abandoned e) {
      if (stopping.getAsBoolean()) {
        throw e;
      }
      state.leaveToFullVerification(collection);
      log.info("Live verification of job {}: {} is left to the full verification at stop-sync: {} (sink.verify.live"
          + ".max-keys {}, {} kept by other collections).", job.id(), collection, e.getMessage(),
          job.settings().maxKeys(), state.baselineKeys());
    }
  }

  private void followChanges() {
    while (!stopping.getAsBoolean()) {
      compareChanges(ROUND);
    }
  }

  /**
   * Reads what the topic has (waiting up to {@code wait} for it) and compares the entities whose
   * last change the sink applied.
   */
  private void compareChanges(Duration wait) {
    long until = System.nanoTime() + wait.toNanos();
    do {
      tail.poll(Duration.ofNanos(Math.max(0, until - System.nanoTime())), state::record);
    } while (System.nanoTime() < until && !stopping.getAsBoolean());
    state.changed().due(offsets.committed(), KEYS_PER_ROUND).forEach((collection, keys) -> {
      if (!state.isUncovered(collection)) {
        compareOrSkip(collection, keys);
      }
    });
  }

  /** A collection that cannot be read now (e.g. created but not loaded) waits, or is left to the full verification. */
  private void compareOrSkip(CollectionName collection, List<Object> keys) {
    try {
      compare(collection, keys);
    } catch (RuntimeException e) {
      CollectionSchema schema = state.schema(collection);
      if (!job.loaded().readable(schema, job.targetDatabase(schema))) {
        state.leaveToFullVerification(collection);
        log.info("Live verification of job {}: {} is not loaded; left to the full verification at stop-sync.",
            job.id(), collection);
      } else {
        throw e;
      }
    }
  }

  private void compare(CollectionName collection, List<Object> keys) {
    long started = System.nanoTime();
    ChangedKeys changed = state.changed();
    List<Long> lastOffsets = keys.stream().map(key -> changed.lastOffset(collection, key)).toList();
    CollectionSchema schema = state.schema(collection);
    String targetDb = job.targetDatabase(schema);
    PartitionLayout layout = PartitionLayout.read(job.source(), job.target(), schema, targetDb);
    var results = job.check().compare(schema, targetDb, layout, keys, false);
    for (int i = 0; i < keys.size(); i++) {
      changed.compared(collection, keys.get(i), lastOffsets.get(i), results.get(keys.get(i)));
    }
    job.meters().entitiesCompared(keys.size());
    log.debug("Live verification of job {}: {} entities of {} compared in {} ms.", job.id(), keys.size(),
        collection, (System.nanoTime() - started) / 1_000_000);
  }

  private void pause(Duration duration) {
    long until = System.nanoTime() + duration.toNanos();
    try {
      while (!stopping.getAsBoolean() && System.nanoTime() < until) {
        Thread.sleep(100);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
