package dev.milvusmigrate.verification;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ContentMultisetTest {

  @Test
  void equalMultisetsMatchInAnyOrder() {
    KeyComparison result = compare(List.of(3L, 1L, 2L, 2L), List.of(2L, 1L, 2L, 3L));

    assertThat(result).isEqualTo(new KeyComparison(4, 4, 0, 0, List.of()));
  }

  @Test
  void anEntityTwiceOnTheTargetButOnceOnTheSourceIsUnexpected() {
    assertThat(compare(List.of(1L, 2L), List.of(1L, 2L, 2L))).isEqualTo(new KeyComparison(2, 3, 0, 1, List.of()));
  }

  @Test
  void aChangedEntityIsBothMissingAndUnexpected() {
    assertThat(compare(List.of(1L, 2L, 5L), List.of(1L, 2L, 6L))).isEqualTo(new KeyComparison(3, 3, 1, 1, List.of()));
    assertThat(compare(List.of(-4L, 7L), List.of())).isEqualTo(new KeyComparison(2, 0, 2, 0, List.of()));
  }

  private static KeyComparison compare(List<Long> source, List<Long> target) {
    return ContentMultiset.compare(List.<Object>copyOf(source).iterator(), List.<Object>copyOf(target).iterator());
  }
}
