package dev.milvusmigrate.verification;

/**
 * How many entities verification compares field by field: a random sample plus the highest keys.
 *
 * @param random random entities per collection, or {@link #FITTED} for the smallest sample that
 *     finds a difference in {@link DetectionSample#SHARE} of the entities with
 *     {@link DetectionSample#CONFIDENCE} (at most {@link DetectionSample#UNBOUNDED})
 */
public record SampleSize(int random, int highest) {

  public static final int FITTED = -1;

  public SampleSize {
    if (random < FITTED || highest < 0) {
      throw new IllegalArgumentException("sample sizes cannot be negative");
    }
  }

  public static SampleSize defaults() {
    return new SampleSize(FITTED, 20);
  }

  boolean fitted() {
    return random == FITTED;
  }

  /** The most random keys a sampler keeps before it knows the collection's size. */
  int reservoir() {
    return fitted() ? DetectionSample.UNBOUNDED : random;
  }

  /** The random keys compared of a collection whose two sides hold {@code common} keys in common. */
  public int randomOf(long common) {
    return (int) Math.min(common, fitted() ? DetectionSample.size(common) : random);
  }
}
