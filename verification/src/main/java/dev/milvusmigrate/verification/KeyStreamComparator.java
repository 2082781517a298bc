package dev.milvusmigrate.verification;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;

/**
 * Merge-compares two ascending primary-key streams in one pass and constant memory: counts
 * distinct keys on each side, keys missing in the target and keys only the target has. Keys
 * present on both sides go to {@code onCommon} (e.g. a sampler).
 */
public final class KeyStreamComparator {

  private final int maxExamples;

  public KeyStreamComparator(int maxExamples) {
    this.maxExamples = maxExamples;
  }

  public KeyComparison compare(Iterator<Object> sourceKeys, Iterator<Object> targetKeys, Consumer<Object> onCommon) {
    Iterator<Object> source = new DistinctSortedKeys(sourceKeys, "source");
    Iterator<Object> target = new DistinctSortedKeys(targetKeys, "target");
    Tally tally = new Tally();
    Object s = source.hasNext() ? source.next() : null;
    Object t = target.hasNext() ? target.next() : null;
    while (s != null || t != null) {
      int order = s == null ? 1 : t == null ? -1 : PrimaryKeyOrder.INSTANCE.compare(s, t);
      if (order <= 0) {
        tally.sourceDistinct++;
      }
      if (order >= 0) {
        tally.targetDistinct++;
      }
      if (order == 0) {
        onCommon.accept(s);
      } else if (order < 0) {
        tally.missing++;
        tally.example("missing in target: " + s);
      } else {
        tally.unexpected++;
        tally.example("unexpected in target: " + t);
      }
      if (order <= 0) {
        s = source.hasNext() ? source.next() : null;
      }
      if (order >= 0) {
        t = target.hasNext() ? target.next() : null;
      }
    }
    return new KeyComparison(tally.sourceDistinct, tally.targetDistinct, tally.missing, tally.unexpected,
        tally.examples);
  }

  private final class Tally {
    long sourceDistinct;
    long targetDistinct;
    long missing;
    long unexpected;
    final List<String> examples = new ArrayList<>();

    void example(String text) {
      if (examples.size() < maxExamples) {
        examples.add(text);
      }
    }
  }
}
