package dev.milvusmigrate.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PercentilesTest {

  @Test
  void nearestRankOfUnsortedValues() {
    Percentiles values = Percentiles.of(new long[] {50, 10, 40, 20, 30, 100, 90, 80, 70, 60});

    assertThat(values.percentile(50)).isEqualTo(50);
    assertThat(values.percentile(90)).isEqualTo(90);
    assertThat(values.percentile(99)).isEqualTo(100);
    assertThat(values.percentile(0)).isEqualTo(10);
    assertThat(values.max()).isEqualTo(100);
    assertThat(values.count()).isEqualTo(10);
  }

  @Test
  void theHighPercentileOfFewValuesIsTheLargest() {
    Percentiles values = Percentiles.of(new long[] {3, 1, 2});

    assertThat(values.percentile(50)).isEqualTo(2);
    assertThat(values.percentile(99)).isEqualTo(3);
  }

  @Test
  void noValuesGiveMinusOne() {
    Percentiles none = Percentiles.of(new long[0]);

    assertThat(none.percentile(50)).isEqualTo(-1);
    assertThat(none.max()).isEqualTo(-1);
  }

  @Test
  void leavesTheMeasuredValuesAsTheyWere() {
    long[] measured = {3, 1, 2};

    Percentiles.of(measured);

    assertThat(measured).containsExactly(3, 1, 2);
  }
}
