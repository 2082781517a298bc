package dev.milvusmigrate.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.milvusmigrate.core.domain.HybridTimestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ProxyClockTest {

  private static final Instant NOW = Instant.parse("2026-12-04T01:00:00Z");
  private final ProxyClock clock = new ProxyClock(Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void stampsIncreaseEvenWhenTheWallClockStands() {
    long first = clock.next();
    long second = clock.next();

    assertThat(first).isEqualTo(HybridTimestamp.ofInstant(NOW).value());
    assertThat(second).isGreaterThan(first);
  }

  @Test
  void theWatermarkStaysBeforeTheOldestWriteInFlight() {
    long older = clock.started();
    long newer = clock.started();

    assertThat(clock.watermark()).isLessThan(older);
    clock.ended(older);
    assertThat(clock.watermark()).isLessThan(newer).isGreaterThanOrEqualTo(older);
    clock.ended(newer);
    assertThat(clock.watermark()).isGreaterThan(newer);
  }

  @Test
  void theWatermarkNeverGoesBack() {
    long idle = clock.watermark();
    long start = clock.started();

    assertThat(start).isGreaterThan(idle);
    assertThat(clock.watermark()).isEqualTo(idle);
  }

  @Test
  void everyRecordStampedAfterAWatermarkIsLaterThanIt() {
    long watermark = clock.watermark();

    assertThat(clock.next()).isGreaterThan(watermark);
  }
}
