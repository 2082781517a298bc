package dev.milvusmigrate.verification;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class KeySamplerTest {

  @Test
  void sampleHoldsRandomKeysAndTheHighestWithoutRepeats() {
    KeySampler sampler = new KeySampler(new SampleSize(5, 3), new Random(42));
    LongStream.rangeClosed(1, 1000).forEach(sampler::accept);

    List<Object> sample = sampler.sample();
    assertThat(sample).doesNotHaveDuplicates().contains(998L, 999L, 1000L).hasSizeBetween(6, 8);
    assertThat(sample).allSatisfy(key -> assertThat((Long) key).isBetween(1L, 1000L));
    assertThat(sample.subList(0, sample.size() - 3)).anySatisfy(key -> assertThat((Long) key).isLessThan(998L));
  }

  @Test
  void fewerKeysThanTheSampleAreAllSampled() {
    KeySampler sampler = new KeySampler(new SampleSize(100, 20), new Random(1));
    List.of(3L, 4L, 5L).forEach(sampler::accept);

    assertThat(sampler.sample()).containsExactly(3L, 4L, 5L);
  }

  @Test
  void emptySampleSizeSamplesNothing() {
    KeySampler sampler = new KeySampler(new SampleSize(0, 0), new Random(1));
    LongStream.range(0, 10).forEach(sampler::accept);

    assertThat(sampler.sample()).isEmpty();
  }

  @Test
  void aFittedSampleIsCutToWhatTheCollectionNeeds() {
    KeySampler sampler = new KeySampler(SampleSize.defaults(), new Random(5));
    LongStream.rangeClosed(1, 5_000).forEach(sampler::accept);

    List<Object> sample = sampler.sample();
    assertThat(sample).doesNotHaveDuplicates().hasSizeBetween(3009, 3009 + 20).contains(5_000L, 4_981L);
    assertThat(sample.subList(0, 3009)).as("drawn from every part of the keys, not the first ones kept")
        .anySatisfy(key -> assertThat((Long) key).isGreaterThan(4_000L))
        .anySatisfy(key -> assertThat((Long) key).isLessThan(1_000L));
    assertThat(sampler.population()).isEqualTo(5_000);
    assertThat(sampler.detectionProbability()).isGreaterThanOrEqualTo(0.99);
  }

  @Test
  void aFittedSampleOfALargeCollectionKeepsTheUnboundedBound() {
    KeySampler sampler = new KeySampler(new SampleSize(SampleSize.FITTED, 0), new Random(5));
    LongStream.rangeClosed(1, 200_000).forEach(sampler::accept);

    assertThat(sampler.sample()).hasSize(4551).doesNotHaveDuplicates();
    assertThat(sampler.detectionProbability()).isBetween(0.99, 0.9901);
  }

  @Test
  void aFixedSampleReportsTheProbabilityItGives() {
    KeySampler sampler = new KeySampler(new SampleSize(120, 0), new Random(5));
    LongStream.rangeClosed(1, 50_000).forEach(sampler::accept);

    assertThat(sampler.sample()).hasSize(120);
    assertThat(sampler.detectionProbability()).isBetween(0.11, 0.12);
  }
}
