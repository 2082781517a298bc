package dev.milvusmigrate.verification;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Picks the keys whose entities are compared field by field while keys stream past once: a
 * uniform random sample (reservoir sampling) plus the highest keys, which were written last and
 * are the likeliest to be missing after an interrupted copy.
 */
public final class KeySampler implements Consumer<Object> {

  private final SampleSize size;
  private final Random random;
  private final List<Object> reservoir = new ArrayList<>();
  private final ArrayDeque<Object> highest = new ArrayDeque<>();
  private long seen;

  public KeySampler(SampleSize size, Random random) {
    this.size = size;
    this.random = random;
  }

  /** Keys must arrive in ascending order for the highest ones to be the last ones. */
  @Override
  public void accept(Object key) {
    seen++;
    if (reservoir.size() < size.random()) {
      reservoir.add(key);
    } else if (size.random() > 0) {
      long slot = (long) (random.nextDouble() * seen);
      if (slot < size.random()) {
        reservoir.set((int) slot, key);
      }
    }
    if (size.highest() > 0) {
      if (highest.size() == size.highest()) {
        highest.removeFirst();
      }
      highest.addLast(key);
    }
  }

  /** The random sample followed by the highest keys, without repeats. */
  public List<Object> sample() {
    Set<Object> keys = new LinkedHashSet<>(reservoir);
    keys.addAll(highest);
    return List.copyOf(keys);
  }
}
