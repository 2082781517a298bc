package dev.milvusmigrate.verification;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Merge-compares two ascending primary-key streams in one pass and constant memory: counts
 * distinct keys on each side, keys missing in the target and keys only the target has. Keys
 * present on both sides go to {@code onCommon} (e.g. a sampler). The streams may also carry more
 * than keys (e.g. entity digests): the comparison then reads each item's key and hands both sides'
 * items of a common key on.
 */
public final class KeyStreamComparator {

  private final int maxExamples;

  public KeyStreamComparator(int maxExamples) {
    this.maxExamples = maxExamples;
  }

  public KeyComparison compare(Iterator<Object> sourceKeys, Iterator<Object> targetKeys, Consumer<Object> onCommon) {
    return compare(sourceKeys, targetKeys, key -> key, (source, target) -> onCommon.accept(source));
  }

  /** As {@link #compare(Iterator, Iterator, Consumer)} for items whose key is {@code keyOf(item)}. */
  public <T> KeyComparison compare(Iterator<T> sourceItems, Iterator<T> targetItems, Function<T, Object> keyOf,
      BiConsumer<T, T> onCommon) {
    Iterator<T> source = new DistinctSortedKeys<>(sourceItems, keyOf, "source");
    Iterator<T> target = new DistinctSortedKeys<>(targetItems, keyOf, "target");
    Tally tally = new Tally();
    T s = source.hasNext() ? source.next() : null;
    T t = target.hasNext() ? target.next() : null;
    while (s != null || t != null) {
      int order = s == null ? 1 : t == null ? -1 : PrimaryKeyOrder.INSTANCE.compare(keyOf.apply(s), keyOf.apply(t));
      if (order <= 0) {
        tally.sourceDistinct++;
      }
      if (order >= 0) {
        tally.targetDistinct++;
      }
      if (order == 0) {
        onCommon.accept(s, t);
      } else if (order < 0) {
        tally.missing++;
        tally.example("missing in target: " + keyOf.apply(s));
      } else {
        tally.unexpected++;
        tally.example("unexpected in target: " + keyOf.apply(t));
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
