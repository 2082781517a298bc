package dev.milvusmigrate.sink.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.milvusmigrate.verification.SampleSize;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class CutoverSampleTest {

  private final List<Object> changed = LongStream.rangeClosed(1, 1_000).boxed().map(Object.class::cast).toList();

  @Test
  void holdsTheBaselineSampleTheHighestChangedKeysAndRandomOnes() {
    List<Object> sample = CutoverSample.of(List.of(-1L, -2L), changed, new SampleSize(10, 3), new Random(7));

    assertThat(sample).startsWith(-1L, -2L).contains(998L, 999L, 1_000L).doesNotHaveDuplicates();
    assertThat(sample.size()).isBetween(2 + 3 + 1, 2 + 3 + 10);
    assertThat(changed).containsAll(sample.subList(2, sample.size()));
  }

  @Test
  void aSampleSizeOfZeroKeepsOnlyTheBaselineSample() {
    assertThat(CutoverSample.of(List.of(5L), changed, new SampleSize(0, 0), new Random(7))).containsExactly(5L);
  }

  @Test
  void noChangesNoChangedKeys() {
    assertThat(CutoverSample.of(List.of(), List.of(), new SampleSize(100, 20), new Random(7))).isEmpty();
  }
}
