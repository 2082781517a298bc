package dev.milvusmigrate.verification;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Picks the keys whose entities are compared field by field while keys stream past once: a
 * uniform random sample (reservoir sampling) plus the highest keys, which were written last and
 * are the likeliest to be missing after an interrupted copy. A {@linkplain SampleSize#FITTED fitted}
 * sample keeps the most any collection needs and is cut, once the keys have passed, to what this
 * collection needs (a random part of a uniform sample is a uniform sample).
 */
public final class KeySampler implements Consumer<Object> {

  private final SampleSize size;
  private final Random random;
  private final int capacity;
  private final List<Object> reservoir = new ArrayList<>();
  private final ArrayDeque<Object> highest = new ArrayDeque<>();
  private long seen;
  private List<Object> drawn;

  public KeySampler(SampleSize size, Random random) {
    this.size = size;
    this.random = random;
    this.capacity = size.reservoir();
  }

  /** Keys must arrive in ascending order for the highest ones to be the last ones. */
  @Override
  public void accept(Object key) {
    seen++;
    drawn = null;
    if (reservoir.size() < capacity) {
      reservoir.add(key);
    } else if (capacity > 0) {
      long slot = (long) (random.nextDouble() * seen);
      if (slot < capacity) {
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
    Set<Object> keys = new LinkedHashSet<>(randomSample());
    keys.addAll(highest);
    return List.copyOf(keys);
  }

  /** The keys that passed. */
  public long population() {
    return seen;
  }

  /** The probability that the random sample includes one of the entities if at least 0.1 % of them differ. */
  public double detectionProbability() {
    return DetectionSample.probability(seen, randomSample().size());
  }

  private List<Object> randomSample() {
    if (drawn == null) {
      int keep = size.randomOf(seen);
      if (keep < reservoir.size()) {
        List<Object> shuffled = new ArrayList<>(reservoir);
        Collections.shuffle(shuffled, random);
        drawn = shuffled.subList(0, keep);
      } else {
        drawn = reservoir;
      }
    }
    return drawn;
  }
}
