package dev.milvusmigrate.core.concurrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

  private final RetryPolicy policy = new RetryPolicy(4, Duration.ofMillis(500), Duration.ofSeconds(3));

  @Test
  void theBackoffDoublesUpToTheMaximum() {
    assertThat(policy.backoffAfter(1)).isEqualTo(Duration.ofMillis(500));
    assertThat(policy.backoffAfter(2)).isEqualTo(Duration.ofSeconds(1));
    assertThat(policy.backoffAfter(3)).isEqualTo(Duration.ofSeconds(2));
    assertThat(policy.backoffAfter(4)).isEqualTo(Duration.ofSeconds(3));
    assertThat(policy.backoffAfter(1000)).isEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void isExhaustedAfterTheLastAttempt() {
    assertThat(policy.exhaustedAfter(3)).isFalse();
    assertThat(policy.exhaustedAfter(4)).isTrue();
    assertThat(RetryPolicy.unlimited(Duration.ofSeconds(1), Duration.ofSeconds(1)).exhaustedAfter(1_000_000))
        .isFalse();
  }

  @Test
  void needsOneAttempt() {
    assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
