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
}
