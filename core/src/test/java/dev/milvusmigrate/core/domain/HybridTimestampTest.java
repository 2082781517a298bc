package dev.milvusmigrate.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class HybridTimestampTest {

  @Test
  void splitsPhysicalAndLogicalParts() {
    // A real Milvus TSO: 2024-01-15T10:00:00Z physical, logical counter 5.
    long physical = Instant.parse("2024-01-15T10:00:00Z").toEpochMilli();
    long tso = (physical << 18) | 5;

    HybridTimestamp ts = new HybridTimestamp(tso);

    assertThat(ts.physicalMillis()).isEqualTo(physical);
    assertThat(ts.logical()).isEqualTo(5);
    assertThat(ts.toInstant()).isEqualTo(Instant.parse("2024-01-15T10:00:00Z"));
    assertThat(HybridTimestamp.of(physical, 5)).isEqualTo(ts);
  }

  @Test
  void lagIsThePhysicalDifferenceAndNeverNegative() {
    HybridTimestamp applied = HybridTimestamp.of(10_000, 7);
    HybridTimestamp head = HybridTimestamp.of(12_500, 0);

    assertThat(applied.behind(head)).isEqualTo(Duration.ofMillis(2_500));
    assertThat(head.behind(applied)).isEqualTo(Duration.ZERO);
  }

  @Test
  void ordersByFullValueIncludingLogicalCounter() {
    assertThat(HybridTimestamp.of(1_000, 2)).isGreaterThan(HybridTimestamp.of(1_000, 1));
    assertThat(HybridTimestamp.of(1_001, 0)).isGreaterThan(HybridTimestamp.of(1_000, (1 << 18) - 1));
  }

  @Test
  void rejectsOutOfRangeParts() {
    assertThatThrownBy(() -> HybridTimestamp.of(1, 1 << 18)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new HybridTimestamp(-1)).hasMessageContaining("cannot be negative");
  }
}
