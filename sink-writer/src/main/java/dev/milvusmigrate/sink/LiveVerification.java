package dev.milvusmigrate.sink;

import dev.milvusmigrate.core.domain.RecordKeys;
import dev.milvusmigrate.schemas.avro.CollectionSchema;
import dev.milvusmigrate.schemas.avro.JobSpec;
import dev.milvusmigrate.schemas.avro.DataType;
import dev.milvusmigrate.schemas.avro.VerificationMethod;
import dev.milvusmigrate.schemas.avro.VerificationReport;
import dev.milvusmigrate.sink.ChangedKeys.Collection;
import dev.milvusmigrate.sink.ChangedKeys.Comparison;
import dev.milvusmigrate.verification.CollectionVerifier;
import dev.milvusmigrate.verification.ComparedPartitions;
import java.time.Duration;
import java.util.HashMap;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.UnaryOperator;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies a zero-downtime job while it syncs, so that stop-sync only has to compare what changed
 * last. A background thread (on the sink instance that holds mutations partition 0) takes the end
 * offsets O of the mutations topic, waits until the sink committed them (everything before O is on
 * the target), lists the job's loaded collections and scans every primary key of both sides (the
 * baseline, kept in memory). From O on it follows the topic's record keys: every changed entity's
 * presence on both sides is compared once the sink committed its last change, and again after any
 * later one.
 *
 * <p>At cutover ({@link #compare}), with the topic read to the fence, the entities not yet settled
 * are compared, a sample (the baseline's, and random and highest changed keys) is compared field
 * by field, both sides are counted, and the distinct keys are derived from the baseline and the
 * comparisons ({@link CutoverTally}). Whenever that is not possible (no complete baseline, a
 * collection not loaded, or counts that the derivation does not explain) the collection gets the
 * full verification instead.
 */
final class LiveVerification implements CollectionVerifier.Shortcut, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(LiveVerification.class);
  /** How long changes gather before the due ones are compared: fewer, larger reads. */
  private static final Duration ROUND = Duration.ofSeconds(3);
  private static final int KEYS_PER_ROUND = 50_000;

  private final JobSpec job;
  private final SinkContext context;
  private final String topic;
  private final String groupId;
  private final UnaryOperator<String> targetDatabase;
  private final EntityCheck check;
  private final BaselineScan scans;
  private final SourceLoads sourceLoads;
  private final SinkMetrics metrics;
  private final Random random = new Random(); // picks samples; nothing secret depends on it
  /** Threads for reads in parallel; idle ones end after a minute, so nothing needs shutting down. */
  private final ExecutorService reads = Executors.newCachedThreadPool(runnable -> {
    Thread thread = new Thread(runnable, "live-verification-read");
    thread.setDaemon(true);
    return thread;
  });

  private Thread thread;
  private volatile boolean stopping;
  private volatile boolean ready;
  private volatile boolean givenUp;
  private MutationTail tail;
  private SinkOffsets offsets;
  private ChangedKeys changed = new ChangedKeys();
  private final Map<Collection, CollectionSchema> schemas = new HashMap<>();
  private final Map<Collection, BaselineScan.Result> baselines = new HashMap<>();
  private final Set<Collection> uncovered = new HashSet<>();
  private long baselineKeys;
  private boolean drainedForCutover;

  LiveVerification(JobSpec job, SinkContext context, String topic, String groupId, UnaryOperator<String> targetDatabase,
      SinkMetrics metrics) {
    this.job = job;
    this.metrics = metrics;
    this.context = context;
    this.topic = topic;
    this.groupId = groupId;
    this.targetDatabase = targetDatabase;
    this.check = new EntityCheck(context.source(), context.target(), reads);
    this.scans = new BaselineScan(context.source(), context.target(), context.sampleSize(), random);
    this.sourceLoads = new SourceLoads(context.source().catalog(), context.live().loadReleased());
  }

  /** Runs while this instance holds mutations partition 0, the one whose holder verifies the job. */
  void follow(boolean holdsPartitionZero) {
    if (!context.live().enabled()) {
      return;
    }
    if (holdsPartitionZero && thread == null) {
      start();
    } else if (!holdsPartitionZero && thread != null) {
      release();
    }
  }

  private void start() {
    stopping = false;
    ready = false;
    givenUp = false;
    drainedForCutover = false;
    String name = Thread.currentThread().getName() + "-live-verification";
    tail = new MutationTail(context.clients(), topic, name);
    offsets = new SinkOffsets(context.clients().admin(), groupId, topic);
    thread = new Thread(this::run, name);
    thread.setDaemon(true);
    thread.start();
  }

  private void run() {
    while (!stopping && !givenUp) {
      try {
        reset();
        baseline();
        followChanges();
      } catch (BaselineScan.Abandoned e) {
        givenUp = !stopping;
        if (givenUp) {
          log.info("Live verification of job {} stopped: {}; stop-sync will run the full verification.",
              job.getJobId(), e.getMessage());
        }
      } catch (WakeupException e) {
        return;
      } catch (RuntimeException e) {
        if (!stopping) {
          log.warn("Live verification of job {} starts again after an error: {}", job.getJobId(), e.getMessage());
          pause(Duration.ofSeconds(5));
        }
      }
    }
  }

  private void reset() {
    ready = false;
    changed = new ChangedKeys();
    schemas.clear();
    baselines.clear();
    uncovered.clear();
    baselineKeys = 0;
  }

  private void baseline() {
    Map<Integer, Long> start = tail.seekToEnd();
    // Every change before the start offsets has a source timestamp before this one ...
    long sourceTs = context.source().catalog().currentTimestamp();
    while (!offsets.reached(start)) {
      tail.poll(ROUND, this::record);
    }
    // ... and is on the target before this one; what changed after is compared anyway.
    BaselineScan.Timestamps asOf = new BaselineScan.Timestamps(sourceTs, context.target().catalog().currentTimestamp());
    long began = System.nanoTime();
    List<CollectionSchema> covered = new ArrayList<>();
    for (CollectionSchema schema : new JobCollections(job, context.source().catalog()).schemas()) {
      Collection collection = new Collection(schema.getDatabase(), schema.getCollection());
      schemas.put(collection, schema);
      if (loaded(schema, targetDatabase.apply(schema.getDatabase()))) {
        covered.add(schema);
      } else {
        uncovered.add(collection);
      }
    }
    for (CollectionSchema schema : covered) {
      Collection collection = new Collection(schema.getDatabase(), schema.getCollection());
      String targetDb = targetDatabase.apply(schema.getDatabase());
      PartitionLayout layout = PartitionLayout.of(schema, context.target().catalog().describeCollection(targetDb,
          schema.getCollection()));
      BaselineScan.Result baseline = scans.scan(schema, targetDb, layout, asOf,
          context.live().maxKeys() - baselineKeys - changed.size(), () -> stopping, () -> compareChanges(Duration.ZERO),
          key -> changed.contains(collection, key));
      baselines.put(collection, baseline);
      baselineKeys += baseline.source().size() + baseline.target().size();
      baseline.differences().forEach(key -> changed.recheck(collection, key));
      baseline.sample().forEach(key -> changed.recheck(collection, key));
    }
    ready = true;
    metrics.liveBaseline();
    log.info("Live verification of job {}: baseline of {} collections ({} keys) in {} ms, {} not loaded left to the"
        + " full verification at stop-sync; following changes.", job.getJobId(), baselines.size(), baselineKeys,
        (System.nanoTime() - began) / 1_000_000, uncovered.size());
  }

  /**
   * Reads what the topic has (waiting up to {@code wait} for it) and compares the entities whose
   * last change the sink applied.
   */
  private void compareChanges(Duration wait) {
    long until = System.nanoTime() + wait.toNanos();
    do {
      tail.poll(Duration.ofNanos(Math.max(0, until - System.nanoTime())), this::record);
    } while (System.nanoTime() < until && !stopping);
    changed.due(offsets.committed(), KEYS_PER_ROUND).forEach((collection, keys) -> {
      if (!uncovered.contains(collection)) {
        compareOrSkip(collection, keys);
      }
    });
  }

  /** A collection that cannot be read now (e.g. created but not loaded) waits, or is left to the full verification. */
  private void compareOrSkip(Collection collection, List<Object> keys) {
    try {
      compare(collection, keys);
    } catch (RuntimeException e) {
      CollectionSchema schema = schema(collection);
      if (!loaded(schema, targetDatabase.apply(schema.getDatabase()))) {
        uncovered.add(collection);
        log.info("Live verification of job {}: {}.{} is not loaded; left to the full verification at stop-sync.",
            job.getJobId(), collection.database(), collection.collection());
      } else {
        throw e;
      }
    }
  }

  private void followChanges() {
    while (!stopping) {
      compareChanges(ROUND);
      if (baselineKeys + changed.size() > context.live().maxKeys()) {
        log.info("Live verification of job {}: {} changed keys since the baseline; taking a new baseline.",
            job.getJobId(), changed.size());
        return;
      }
    }
  }

  private void compare(Collection collection, List<Object> keys) {
    long started = System.nanoTime();
    List<Long> offsets = keys.stream().map(key -> changed.lastOffset(collection, key)).toList();
    CollectionSchema schema = schema(collection);
    String targetDb = targetDatabase.apply(schema.getDatabase());
    PartitionLayout layout = PartitionLayout.read(context.source(), context.target(), schema, targetDb);
    var results = check.compare(schema, targetDb, layout, keys, false);
    for (int i = 0; i < keys.size(); i++) {
      changed.compared(collection, keys.get(i), offsets.get(i), results.get(keys.get(i)));
    }
    metrics.liveCompared(keys.size());
    log.debug("Live verification of job {}: {} entities of {}.{} compared in {} ms.", job.getJobId(), keys.size(),
        collection.database(), collection.collection(), (System.nanoTime() - started) / 1_000_000);
  }

  private void record(int partition, long offset, RecordKeys.Entity entity) {
    Collection collection = new Collection(entity.database(), entity.collection());
    changed.changed(collection, primaryKey(collection, entity.primaryKey()), partition, offset);
  }

  /** The key as the collection's primary key type: INT64 keys are numbers, VARCHAR keys text. */
  private Object primaryKey(Collection collection, String text) {
    boolean int64 = schema(collection).getFields().stream()
        .anyMatch(f -> f.getIsPrimaryKey() && f.getDataType() == DataType.INT64);
    return int64 ? (Object) Long.parseLong(text) : text;
  }

  private CollectionSchema schema(Collection collection) {
    return schemas.computeIfAbsent(collection, c -> context.source().catalog()
        .describeCollection(c.database(), c.collection()).orElseThrow(() -> new IllegalStateException(
            "collection " + c.database() + "." + c.collection() + " is gone from the source")));
  }

  /** Loaded on both sides, a released source collection loaded now ({@link SourceLoads}). */
  private boolean loaded(CollectionSchema schema, String targetDb) {
    return context.target().catalog().isLoaded(targetDb, schema.getCollection())
        && sourceLoads.ensureLoaded(new Collection(schema.getDatabase(), schema.getCollection()));
  }

  /**
   * At cutover: fills the data part of the report from the baseline and the changes since, or
   * returns false when the collection needs the full verification. Stops the background thread.
   * Collections may be compared at once from several threads: what this instance gathered is read
   * and updated under its lock, the servers are read outside it.
   */
  @Override
  public boolean compare(CollectionSchema schema, String targetDb, VerificationReport.Builder report) {
    long began = System.nanoTime();
    Collection collection = new Collection(schema.getDatabase(), schema.getCollection());
    CutoverPlan plan = plan(schema, collection, loaded(schema, targetDb));
    if (plan == null) {
      log.info("Job {}: no live baseline for {}.{}; running the full verification.", job.getJobId(),
          schema.getDatabase(), schema.getCollection());
      return false;
    }
    long drained = System.nanoTime();
    CutoverReads reads = readAtCutover(schema, targetDb, plan.unsettled(), plan.sample());
    log.debug("Job {}: cutover check of {}.{} in {} ms ({} ms to stop and read the topic to the fence): {} changed"
        + " entities still to compare, {} sampled.", job.getJobId(), collection.database(), collection.collection(),
        (System.nanoTime() - began) / 1_000_000, (drained - began) / 1_000_000, plan.unsettled().size(),
        reads.sampled());
    return tally(schema, collection, plan, reads, report);
  }

  /** What the cutover of one collection reads: the entities not yet settled and the sample. */
  private record CutoverPlan(BaselineScan.Result baseline, List<Object> unsettled, List<Long> offsets,
      List<Object> sample) {}

  /** Null when the collection needs the full verification. */
  private synchronized CutoverPlan plan(CollectionSchema schema, Collection collection, boolean loaded) {
    close();
    boolean stillRunning = thread != null && thread.isAlive();
    if (!ready || stillRunning || uncovered.contains(collection) || !loaded) {
      return null;
    }
    drainForCutover();
    schemas.put(collection, schema);
    BaselineScan.Result baseline = baselines.getOrDefault(collection, BaselineScan.Result.empty());
    List<Object> unsettled = changed.unsettled(collection);
    List<Long> offsets = unsettled.stream().map(key -> changed.lastOffset(collection, key)).toList();
    return new CutoverPlan(baseline, unsettled, offsets, CutoverSample.of(baseline.sample(),
        changed.keys(collection), context.sampleSize(), random));
  }

  private synchronized boolean tally(CollectionSchema schema, Collection collection, CutoverPlan plan,
      CutoverReads reads, VerificationReport.Builder report) {
    for (int i = 0; i < plan.unsettled().size(); i++) {
      Object key = plan.unsettled().get(i);
      changed.compared(collection, key, plan.offsets().get(i), reads.presence().get(key));
    }
    Map<Object, Comparison> compared = changed.comparisons(collection);
    CutoverTally tally = CutoverTally.of(plan.baseline().source(), plan.baseline().target(), compared,
        reads.sourceCount(), reads.targetCount(), CollectionVerifier.MAX_EXAMPLES);
    if (!reads.partitionCountsAgree()) {
      log.warn("Job {}: the partitions of {}.{} count different rows on source and target; running the full"
          + " verification, which compares them key by key.", job.getJobId(), schema.getDatabase(),
          schema.getCollection());
      return false;
    }
    if (!tally.countsAgree()) {
      log.warn("Job {}: the counts of {}.{} (source {}, target {}) differ from the live verification's distinct keys"
          + " ({}, {}); running the full verification.", job.getJobId(), schema.getDatabase(), schema.getCollection(),
          reads.sourceCount(), reads.targetCount(), tally.sourceDistinct(), tally.targetDistinct());
      return false;
    }
    List<String> examples = new ArrayList<>(tally.examples());
    reads.differing().stream().limit(CollectionVerifier.MAX_EXAMPLES).map(key -> "mismatched: " + key)
        .forEach(examples::add);
    report.setMethod(VerificationMethod.CHANGES_SINCE_BASELINE).setBaselineAt(plan.baseline().at())
        .setKeysRechecked(compared.size()).setSourceCount(reads.sourceCount())
        .setTargetCount(reads.targetCount()).setSourceDistinctKeys(tally.sourceDistinct())
        .setTargetDistinctKeys(tally.targetDistinct()).setMissingInTarget(tally.missingInTarget())
        .setUnexpectedInTarget(tally.unexpectedInTarget()).setExampleKeys(examples).setSampled(reads.sampled())
        .setMismatched(tally.mismatched() + reads.differing().size());
    return true;
  }

  /**
   * What the cutover reads: presence of the unsettled entities, the sample's differing entities, both
   * counts, and whether each partition counts as many rows on both sides ({@link PartitionCounts}).
   */
  private record CutoverReads(Map<Object, Comparison> presence, List<Object> differing, int sampled,
      long sourceCount, long targetCount, boolean partitionCountsAgree) {}

  /** The cutover's reads run at once: each waits for its server to catch up with the fence, so together they wait once. */
  private CutoverReads readAtCutover(CollectionSchema schema, String targetDb, List<Object> unsettled,
      List<Object> sample) {
    PartitionLayout layout = PartitionLayout.of(schema, context.target().catalog().describeCollection(targetDb,
        schema.getCollection()));
    var presence = CompletableFuture.supplyAsync(() -> check.compare(schema, targetDb, layout, unsettled, false),
        reads);
    var content = CompletableFuture.supplyAsync(() -> check.compare(schema, targetDb, layout, sample, true), reads);
    var sourceCount = CompletableFuture.supplyAsync(
        () -> context.source().catalog().countRows(schema.getDatabase(), schema.getCollection()), reads);
    var targetCount = CompletableFuture.supplyAsync(
        () -> context.target().catalog().countRows(targetDb, schema.getCollection()), reads);
    var partitionCounts = CompletableFuture.supplyAsync(
        () -> PartitionCounts.read(context.source(), context.target(), schema, targetDb, layout, reads), reads);
    List<Object> differing = CollectionVerifier.joined(content).entrySet().stream()
        .filter(e -> e.getValue().fieldsDiffer()).map(Map.Entry::getKey).toList();
    long sourceRows = CollectionVerifier.joined(sourceCount);
    long targetRows = CollectionVerifier.joined(targetCount);
    return new CutoverReads(CollectionVerifier.joined(presence), differing, sample.size(), sourceRows, targetRows,
        CollectionVerifier.joined(partitionCounts).agree(sourceRows, targetRows));
  }

  /**
   * Reads the mutations topic up to the sink's committed offsets, which at cutover are just past
   * every partition's fence.
   */
  private void drainForCutover() {
    if (!drainedForCutover) {
      try {
        tail.poll(Duration.ZERO, this::record);
      } catch (WakeupException e) {
        // the wake-up close() left for a poll the stopped thread never made
      }
      tail.readUpTo(offsets.committed(), this::record);
      drainedForCutover = true;
    }
  }

  private void pause(Duration duration) {
    long until = System.nanoTime() + duration.toNanos();
    try {
      while (!stopping && System.nanoTime() < until) {
        Thread.sleep(100);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops the background thread; what it gathered stays for {@link #compare}. */
  @Override
  public void close() {
    stopping = true;
    Thread running = thread;
    if (running == null || running == Thread.currentThread()) {
      return;
    }
    MutationTail following = tail;
    if (following != null) {
      following.wakeup();
    }
    running.interrupt(); // a read in flight is abandoned rather than awaited: the cutover reads again
    try {
      running.join(Duration.ofSeconds(30).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops the background thread and closes its Kafka clients; what it gathered is gone. */
  void release() {
    close();
    sourceLoads.close();
    if (tail != null) {
      tail.close();
      offsets.close();
    }
    tail = null;
    offsets = null;
    thread = null;
  }
}
