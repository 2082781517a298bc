package dev.milvusmigrate.verification;

import java.util.ArrayList;
import java.util.List;

/**
 * Sums a collection's key comparison over its partitions: distinct keys are distinct (partition,
 * key) pairs where partitions are compared one by one. A target whose {@code count(*)} exceeds its
 * distinct pairs by more than the source's does holds a key twice in one partition (a query shows
 * one copy, the count both): that excess fails the verification, while repeats the source itself
 * holds are only a finding. Counts are of whole collections: Milvus Lite ignores the partition in
 * a {@code count(*)}.
 */
final class PartitionTally {

  private final int maxExamples;
  private final List<String> examples = new ArrayList<>();
  private long sourceCount;
  private long targetCount;
  private long sourceDistinct;
  private long targetDistinct;
  private long missing;
  private long unexpected;
  private long excessInTarget;

  PartitionTally(int maxExamples) {
    this.maxExamples = maxExamples;
  }

  /** @param partition the partition compared, or null for the whole collection */
  void add(String partition, KeyComparison keys) {
    sourceDistinct += keys.sourceDistinct();
    targetDistinct += keys.targetDistinct();
    missing += keys.missingInTarget();
    unexpected += keys.unexpectedInTarget();
    String where = partition == null ? "" : " (partition " + partition + ")";
    keys.examples().forEach(example -> example(example + where));
  }

  /** Both sides' {@code count(*)}, once every partition was added. */
  void counted(long sourceRows, long targetRows) {
    sourceCount = sourceRows;
    targetCount = targetRows;
    excessInTarget = Math.max(0, (targetRows - targetDistinct) - Math.max(0, sourceRows - sourceDistinct));
    if (excessInTarget > 0) {
      example("the target counts " + targetRows + " rows for " + targetDistinct + " distinct keys, the source "
          + sourceRows + " for " + sourceDistinct + ": " + excessInTarget + " rows repeat a key the source holds once");
    }
  }

  private void example(String text) {
    if (examples.size() < maxExamples) {
      examples.add(text);
    }
  }

  List<String> examples() {
    return examples;
  }

  long sourceCount() {
    return sourceCount;
  }

  long targetCount() {
    return targetCount;
  }

  long sourceDistinct() {
    return sourceDistinct;
  }

  long targetDistinct() {
    return targetDistinct;
  }

  long missing() {
    return missing;
  }

  long unexpected() {
    return unexpected;
  }

  long excessInTarget() {
    return excessInTarget;
  }
}
