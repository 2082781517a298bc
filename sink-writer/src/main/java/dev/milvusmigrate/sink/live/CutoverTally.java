package dev.milvusmigrate.sink.live;

import dev.milvusmigrate.sink.live.ChangedKeys.Comparison;
import java.util.ArrayList;
import java.util.List;
import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The outcome of a live verification at cutover for one collection, from its baseline pairs of
 * (partition, key), the last comparison of every entity compared since, and both sides'
 * {@code count(*)}. The rows of a side are the baseline's pairs, minus the compared entities' pairs
 * the baseline held, plus those present now: a key held in two partitions is two rows, as the
 * count has it. Pure.
 *
 * @param countsAgree whether each side's {@code count(*)} equals its rows so derived; if not, a
 *     change the mutations topic does not show (or a key held twice in one partition) makes the
 *     derivation unsafe and the collection needs a full verification
 */
record CutoverTally(long sourceDistinct, long targetDistinct, long missingInTarget, long unexpectedInTarget,
    int mismatched, List<String> examples, boolean countsAgree) {

  static CutoverTally of(PartitionedKeys sourceBaseline, PartitionedKeys targetBaseline,
      Map<Object, Comparison> compared, long sourceCount, long targetCount, int maxExamples) {
    Counter counter = new Counter(sourceBaseline, targetBaseline, maxExamples);
    compared.forEach(counter::add);
    boolean countsAgree = counter.complete && sourceCount == counter.sourceRows && targetCount == counter.targetRows;
    return new CutoverTally(counter.sourceRows, counter.targetRows, counter.missing, counter.unexpected,
        counter.mismatched, counter.examples, countsAgree);
  }

  private static final class Counter {
    private final PartitionedKeys sourceBaseline;
    private final PartitionedKeys targetBaseline;
    private final int maxExamples;
    private final List<String> examples = new ArrayList<>();
    private long sourceRows;
    private long targetRows;
    private long missing;
    private long unexpected;
    private int mismatched;
    private boolean complete = true;

    Counter(PartitionedKeys sourceBaseline, PartitionedKeys targetBaseline, int maxExamples) {
      this.sourceBaseline = sourceBaseline;
      this.targetBaseline = targetBaseline;
      this.maxExamples = maxExamples;
      this.sourceRows = sourceBaseline.size();
      this.targetRows = targetBaseline.size();
    }

    void add(Object key, Comparison comparison) {
      if (comparison == null) {
        complete = false;
        return;
      }
      sourceRows += comparison.sourcePartitions().size() - sourceBaseline.partitionsOf(key).size();
      targetRows += comparison.targetPartitions().size() - targetBaseline.partitionsOf(key).size();
      Set<String> partitions = new TreeSet<>(Comparator.nullsFirst(Comparator.naturalOrder()));
      partitions.addAll(comparison.sourcePartitions());
      partitions.addAll(comparison.targetPartitions());
      for (String partition : partitions) {
        boolean inSource = comparison.sourcePartitions().contains(partition);
        boolean inTarget = comparison.targetPartitions().contains(partition);
        if (inSource && !inTarget) {
          missing++;
          example("missing in target: " + key + where(partition));
        } else if (!inSource && inTarget) {
          unexpected++;
          example("unexpected in target: " + key + where(partition));
        }
      }
      if (comparison.fieldsDiffer()) {
        mismatched++;
        example("mismatched: " + key);
      }
    }

    private static String where(String partition) {
      return partition == null ? "" : " (partition " + partition + ")";
    }

    private void example(String text) {
      if (examples.size() < maxExamples) {
        examples.add(text);
      }
    }
  }
}
