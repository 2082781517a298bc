package dev.milvusmigrate.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class DetectionSampleTest {

  @Test
  void anUnboundedCollectionNeedsTheWithReplacementBound() {
    assertThat(DetectionSample.UNBOUNDED).isEqualTo(4603);
    assertThat(DetectionSample.size(100_000_000L)).isEqualTo(4603);
  }

  /** Sampling without replacement needs fewer the smaller the collection; never more than the bound. */
  @Test
  void finiteCollectionsNeedTheExactHypergeometricSample() {
    assertThat(DetectionSample.size(1_000_000)).isEqualTo(4593);
    assertThat(DetectionSample.size(200_000)).isEqualTo(4551);
    assertThat(DetectionSample.size(50_000)).isEqualTo(4398);
    assertThat(DetectionSample.size(5_000)).isEqualTo(3009);
    assertThat(DetectionSample.size(1_001)).as("two entities are 0.1 %% of 1,001").isEqualTo(901);
  }

  @Test
  void smallCollectionsAreComparedNearlyOrEntirely() {
    assertThat(DetectionSample.size(0)).isZero();
    assertThat(DetectionSample.size(1)).isEqualTo(1);
    assertThat(DetectionSample.size(10)).isEqualTo(10);
    assertThat(DetectionSample.size(1_000)).as("one differing entity found with 99 %%").isEqualTo(990);
  }

  @Test
  void theSizeIsTheSmallestThatReachesTheConfidence() {
    for (long population : new long[] {7, 999, 1_001, 5_000, 50_000, 200_000}) {
      int n = DetectionSample.size(population);
      assertThat(DetectionSample.probability(population, n)).as("N=%d n=%d", population, n)
          .isGreaterThanOrEqualTo(DetectionSample.CONFIDENCE);
      assertThat(DetectionSample.probability(population, n - 1)).as("N=%d n-1", population)
          .isLessThan(DetectionSample.CONFIDENCE);
    }
  }

  @Test
  void probabilityOfTheFormerDefaultSampleAndOfAFullComparison() {
    assertThat(DetectionSample.probability(50_000, 120)).isCloseTo(0.1133, within(0.0001));
    assertThat(DetectionSample.probability(50_000, 50_000)).isEqualTo(1.0);
    assertThat(DetectionSample.probability(0, 0)).isEqualTo(1.0);
  }

  @Test
  void otherSharesAndConfidences() {
    assertThat(DetectionSample.unboundedSize(0.01, 0.95)).isEqualTo(299);
    assertThat(DetectionSample.size(1_000_000_000L, 0.01, 0.95)).isEqualTo(299);
  }
}
