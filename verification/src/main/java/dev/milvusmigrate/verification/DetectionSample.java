package dev.milvusmigrate.verification;

/**
 * How many randomly chosen entities of a collection must be compared to find, with a given
 * probability, a difference that affects at least a given share of them. Sampling is without
 * replacement, so a collection of {@code N} entities of which {@code d = ceil(share * N)} differ is
 * missed by a sample of {@code n} with probability {@code C(N-d, n) / C(N, n)}, the product of
 * {@code (N-d-i) / (N-i)} for {@code i < n}: never more than {@code (1-share)^n}, so no collection
 * needs more than the unbounded bound {@code ceil(ln(1-confidence) / ln(1-share))} (4,603 for 0.1 %
 * and 99 %), and small ones need fewer.
 */
public final class DetectionSample {

  /** The share of differing entities the default sample is sized to find: 0.1 %. */
  public static final double SHARE = 0.001;
  /** The probability with which the default sample finds them: 99 %. */
  public static final double CONFIDENCE = 0.99;
  /** The default sample of a collection of unbounded size. */
  public static final int UNBOUNDED = unboundedSize(SHARE, CONFIDENCE);

  private DetectionSample() {}

  /** The smallest sample of {@code population} entities that finds {@link #SHARE} with {@link #CONFIDENCE}. */
  public static int size(long population) {
    return size(population, SHARE, CONFIDENCE);
  }

  /** The smallest sample (at most {@code population}) whose miss probability is at most {@code 1 - confidence}. */
  static int size(long population, double share, double confidence) {
    if (population <= 0) {
      return 0;
    }
    double allowedMiss = 1 - confidence;
    long differing = differing(population, share);
    double miss = 1;
    int n = 0;
    while (miss > allowedMiss && n < population) {
      miss *= (double) (population - differing - n) / (population - n);
      n++;
    }
    return n;
  }

  /** The probability that {@code sampled} of {@code population} entities include one of the differing ones. */
  public static double probability(long population, long sampled) {
    if (population <= 0 || sampled >= population) {
      return 1;
    }
    long differing = differing(population, SHARE);
    double miss = 1;
    for (long i = 0; i < sampled && miss > 0; i++) {
      miss *= Math.max(0, (double) (population - differing - i) / (population - i));
    }
    return 1 - miss;
  }

  private static long differing(long population, double share) {
    return Math.max(1, (long) Math.ceil(share * population - 1e-9));
  }

  static int unboundedSize(double share, double confidence) {
    return (int) Math.ceil(Math.log(1 - confidence) / Math.log(1 - share));
  }
}
