package dev.milvusmigrate.sink.live;

import dev.milvusmigrate.core.domain.CollectionName;
import dev.milvusmigrate.schemas.avro.CollectionSchema;
import dev.milvusmigrate.schemas.avro.VerificationMethod;
import dev.milvusmigrate.schemas.avro.VerificationReport;
import dev.milvusmigrate.sink.live.ChangedKeys.Comparison;
import dev.milvusmigrate.verification.CollectionVerifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live verification at cutover, once the follower stopped and the topic was read to the fence:
 * the entities not yet settled are compared, a sample (the baseline's, and random and highest
 * changed keys) field by field, both sides are counted, whole and per partition, and each side's
 * (partition, key) pairs are derived from the baseline and the comparisons ({@link CutoverTally}).
 * Whenever that is not possible (no complete baseline, a collection not loaded, or counts that the
 * derivation does not explain) the collection gets the full verification instead. Collections may
 * be checked at once from several threads: the gathered state is read and updated under this
 * object's lock, the servers are read outside it.
 */
final class CutoverCheck {

  private static final Logger log = LoggerFactory.getLogger(CutoverCheck.class);

  private final LiveJob job;
  private final LiveState state;
  private final MutationTail tail;
  private final SinkOffsets offsets;
  private boolean drained;

  CutoverCheck(LiveJob job, LiveState state, MutationTail tail, SinkOffsets offsets) {
    this.job = job;
    this.state = state;
    this.tail = tail;
    this.offsets = offsets;
  }

  /** Fills the data part of the report, or returns false when the collection needs the full verification. */
  boolean compare(CollectionSchema schema, String targetDb, VerificationReport.Builder report) {
    long began = System.nanoTime();
    CollectionName collection = new CollectionName(schema.getDatabase(), schema.getCollection());
    Plan plan = plan(schema, collection, job.loaded().readable(schema, targetDb));
    if (plan == null) {
      log.info("Job {}: no live baseline for {}; running the full verification.", job.id(), collection);
      return false;
    }
    long drainedAt = System.nanoTime();
    Reads reads = read(schema, targetDb, plan.unsettled(), plan.sample());
    log.debug("Job {}: cutover check of {} in {} ms ({} ms to read the topic to the fence): {} changed"
        + " entities still to compare, {} sampled.", job.id(), collection,
        (System.nanoTime() - began) / 1_000_000, (drainedAt - began) / 1_000_000, plan.unsettled().size(),
        reads.sampled());
    return tally(schema, collection, plan, reads, report);
  }

  /** What the cutover of one collection reads: the entities not yet settled and the sample. */
  private record Plan(BaselineScan.Result baseline, List<Object> unsettled, List<Long> offsets, List<Object> sample) {}

  /** Null when the collection needs the full verification. */
  private synchronized Plan plan(CollectionSchema schema, CollectionName collection, boolean loaded) {
    if (!state.covers(collection) || !loaded) {
      return null;
    }
    drainToFence(); // may leave collections to the full verification (too many changed keys)
    if (!state.covers(collection)) {
      return null;
    }
    state.schema(collection, schema);
    ChangedKeys changed = state.changed();
    BaselineScan.Result baseline = state.baseline(collection);
    List<Object> unsettled = changed.unsettled(collection);
    List<Long> lastOffsets = unsettled.stream().map(key -> changed.lastOffset(collection, key)).toList();
    return new Plan(baseline, unsettled, lastOffsets, CutoverSample.of(baseline.sample(), changed.keys(collection),
        job.sampleSize(), job.random()));
  }

  /**
   * Reads the mutations topic up to the sink's committed offsets, which at cutover are just past
   * every partition's fence.
   */
  private void drainToFence() {
    if (!drained) {
      try {
        tail.poll(Duration.ZERO, state::record);
      } catch (WakeupException e) {
        // the wake-up that stopped the follower, left for a poll it never made
      }
      tail.readUpTo(offsets.committed(), state::record);
      drained = true;
    }
  }

  /**
   * What the cutover reads: presence of the unsettled entities, the sample's differing entities, both
   * counts, and whether each partition counts as many rows on both sides ({@link PartitionCounts}).
   */
  private record Reads(Map<Object, Comparison> presence, List<Object> differing, int sampled, long sourceCount,
      long targetCount, boolean partitionCountsAgree) {}

  /**
   * The reads run at once: each waits for its server to catch up with the fence, so together they
   * wait once. The entities are read at timestamps taken now, after the drain, so every write up to
   * the fence is in them and each read after the first need not wait for a new time tick.
   */
  private Reads read(CollectionSchema schema, String targetDb, List<Object> unsettled, List<Object> sample) {
    CollectionName sourceName = new CollectionName(schema.getDatabase(), schema.getCollection());
    CollectionName targetName = sourceName.in(targetDb);
    PartitionLayout layout = PartitionLayout.of(schema, job.target().catalog().describeCollection(targetName));
    BaselineScan.Timestamps asOf = new BaselineScan.Timestamps(job.source().catalog().currentTimestamp(),
        job.target().catalog().currentTimestamp());
    var presence = CompletableFuture.supplyAsync(
        () -> job.check().compare(schema, targetDb, layout, unsettled, false, asOf), job.reads());
    var content = CompletableFuture.supplyAsync(
        () -> job.check().compare(schema, targetDb, layout, sample, true, asOf), job.reads());
    var sourceCount = CompletableFuture.supplyAsync(
        () -> job.source().catalog().countRows(sourceName), job.reads());
    var targetCount = CompletableFuture.supplyAsync(
        () -> job.target().catalog().countRows(targetName), job.reads());
    var partitionCounts = CompletableFuture.supplyAsync(
        () -> PartitionCounts.read(job.source(), job.target(), schema, targetDb, layout, job.reads()), job.reads());
    List<Object> differing = CollectionVerifier.joined(content).entrySet().stream()
        .filter(e -> e.getValue().fieldsDiffer()).map(Map.Entry::getKey).toList();
    long sourceRows = CollectionVerifier.joined(sourceCount);
    long targetRows = CollectionVerifier.joined(targetCount);
    return new Reads(CollectionVerifier.joined(presence), differing, sample.size(), sourceRows, targetRows,
        CollectionVerifier.joined(partitionCounts).agree(sourceRows, targetRows));
  }

  private synchronized boolean tally(CollectionSchema schema, CollectionName collection, Plan plan, Reads reads,
      VerificationReport.Builder report) {
    ChangedKeys changed = state.changed();
    for (int i = 0; i < plan.unsettled().size(); i++) {
      Object key = plan.unsettled().get(i);
      changed.compared(collection, key, plan.offsets().get(i), reads.presence().get(key));
    }
    Map<Object, Comparison> compared = changed.comparisons(collection);
    CutoverTally tally = CutoverTally.of(plan.baseline().source(), plan.baseline().target(), compared,
        reads.sourceCount(), reads.targetCount(), CollectionVerifier.MAX_EXAMPLES);
    if (!reads.partitionCountsAgree()) {
      log.warn("Job {}: the partitions of {} count different rows on source and target; running the full"
          + " verification, which compares them key by key.", job.id(), collection);
      return false;
    }
    if (!tally.countsAgree()) {
      log.warn("Job {}: the counts of {} (source {}, target {}) differ from the live verification's distinct keys"
          + " ({}, {}); running the full verification.", job.id(), collection,
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
}
