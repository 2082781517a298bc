package dev.milvusmigrate.sink.live;

import dev.milvusmigrate.core.domain.CollectionName;
import dev.milvusmigrate.milvus.MilvusSession;
import dev.milvusmigrate.schemas.avro.CollectionSchema;
import dev.milvusmigrate.verification.CollectionVerifier;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The {@code count(*)} of each compared partition ({@link PartitionLayout}) on both sides, all
 * read at once: each strong count waits for its server to reach the present, so together they wait
 * about once. A key left in, or written into, the wrong partition on the target changes two
 * partitions' counts.
 */
final class PartitionCounts {

  private static final PartitionCounts WHOLE = new PartitionCounts(true, true, Map.of(), Map.of());
  private static final PartitionCounts DIFFERENT_PARTITIONS = new PartitionCounts(false, false, Map.of(), Map.of());

  /** Compared as a whole: there is nothing to count per partition. */
  private final boolean whole;
  private final boolean samePartitions;
  private final Map<String, Long> source;
  private final Map<String, Long> target;

  private PartitionCounts(boolean whole, boolean samePartitions, Map<String, Long> source, Map<String, Long> target) {
    this.whole = whole;
    this.samePartitions = samePartitions;
    this.source = source;
    this.target = target;
  }

  static PartitionCounts read(MilvusSession sourceSide, MilvusSession targetSide, CollectionSchema schema,
      String targetDb, PartitionLayout layout, Executor reads) {
    if (!layout.separately()) {
      return WHOLE;
    }
    if (!layout.sameOnBothSides()) {
      return DIFFERENT_PARTITIONS;
    }
    Map<String, CompletableFuture<Long>> sourceCounts = count(sourceSide, schema.getDatabase(), schema,
        layout.compared(), reads);
    Map<String, CompletableFuture<Long>> targetCounts = count(targetSide, targetDb, schema, layout.compared(), reads);
    return new PartitionCounts(false, true, joined(sourceCounts), joined(targetCounts));
  }

  /**
   * Whether each partition counts as many rows on both sides and each side's partitions add up to
   * its whole count (Milvus Lite ignores the partition in a {@code count(*)}: a side that cannot
   * count per partition leaves the check to the full verification).
   */
  boolean agree(long sourceCount, long targetCount) {
    if (whole) {
      return true;
    }
    return samePartitions && source.equals(target) && sum(source) == sourceCount && sum(target) == targetCount;
  }

  private static Map<String, CompletableFuture<Long>> count(MilvusSession side, String database,
      CollectionSchema schema, List<String> partitions, Executor reads) {
    Map<String, CompletableFuture<Long>> counts = new TreeMap<>();
    partitions.forEach(p -> counts.put(p, CompletableFuture.supplyAsync(
        () -> side.catalog().countRows(new CollectionName(database, schema.getCollection()), p), reads)));
    return counts;
  }

  private static Map<String, Long> joined(Map<String, CompletableFuture<Long>> futures) {
    Map<String, Long> counts = new TreeMap<>();
    futures.forEach((partition, count) -> counts.put(partition, CollectionVerifier.joined(count)));
    return counts;
  }

  private static long sum(Map<String, Long> counts) {
    return counts.values().stream().mapToLong(Long::longValue).sum();
  }
}
