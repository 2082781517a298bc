package dev.milvusmigrate.core.concurrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class StopSignalTest {

  private final StopSignal stop = new StopSignal();

  @Test
  void keepsTheFirstReason() {
    stop.check();
    stop.stop("cancelled");
    stop.stop("service closing");

    assertThat(stop.isStopped()).isTrue();
    assertThatThrownBy(stop::check).isInstanceOf(WorkStopped.class).hasMessage("cancelled");
  }

  @Test
  void endsAWaitWhenStopped() {
    new Thread(() -> stop.stop("closing")).start();

    assertThat(stop.awaitStop(Duration.ofMinutes(1))).isTrue();
  }

  @Test
  void anInterruptEndsAWaitWithoutStopping() {
    Thread.currentThread().interrupt();

    assertThat(stop.awaitStop(Duration.ofMinutes(1))).isTrue();
    assertThat(Thread.interrupted()).isTrue();
    assertThat(stop.isStopped()).isFalse();
    assertThat(stop.awaitStop(Duration.ZERO)).isFalse();
  }
}
