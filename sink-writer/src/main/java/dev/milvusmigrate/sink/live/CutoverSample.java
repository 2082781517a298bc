package dev.milvusmigrate.sink.live;

import dev.milvusmigrate.verification.PrimaryKeyOrder;
import dev.milvusmigrate.verification.SampleSize;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.Set;

/**
 * The entities a live verification compares field by field at cutover: the baseline's sample, and
 * as many random and highest keys among the entities changed since as the sample size asks for.
 * Pure.
 */
final class CutoverSample {

  private CutoverSample() {}

  static List<Object> of(List<Object> baselineSample, List<Object> changedKeys, SampleSize size, Random random) {
    Set<Object> sample = new LinkedHashSet<>(baselineSample);
    for (int i = 0; i < size.randomOf(changedKeys.size()); i++) {
      sample.add(changedKeys.get(random.nextInt(changedKeys.size())));
    }
    PriorityQueue<Object> highest = new PriorityQueue<>(PrimaryKeyOrder.INSTANCE);
    for (Object key : changedKeys) {
      highest.add(key);
      if (highest.size() > size.highest()) {
        highest.poll();
      }
    }
    sample.addAll(highest);
    return List.copyOf(sample);
  }
}
