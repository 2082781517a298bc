package dev.milvusmigrate.capture;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChannelWatermarksTest {

  private static final long SECOND = 1000L << 18;

  private final ChannelWatermarks watermarks = new ChannelWatermarks(10_000);

  @Test
  void noTickNoWatermark() {
    assertThat(watermarks.watermark()).isEmpty();
  }

  @Test
  void theWatermarkIsTheSlowestChannelsTick() {
    watermarks.ticked("a", 100 * SECOND);
    watermarks.ticked("b", 98 * SECOND);

    assertThat(watermarks.watermark()).hasValue(98 * SECOND);
  }

  @Test
  void anOlderTickNeverMovesAChannelBack() {
    watermarks.ticked("a", 100 * SECOND);
    watermarks.ticked("a", 90 * SECOND);

    assertThat(watermarks.tick("a")).hasValue(100 * SECOND);
  }

  @Test
  void aFullyReadChannelFarBehindIsNoLongerUsedAndLeftOut() {
    watermarks.ticked("a", 100 * SECOND);
    watermarks.ticked("old", 50 * SECOND);
    watermarks.caughtUp("old", true);

    assertThat(watermarks.watermark()).hasValue(100 * SECOND);
  }

  @Test
  void aChannelWithUnreadRecordsHoldsTheWatermarkBackHoweverFarBehind() {
    watermarks.ticked("a", 100 * SECOND);
    watermarks.ticked("slow", 50 * SECOND);
    watermarks.caughtUp("slow", false);

    assertThat(watermarks.watermark()).hasValue(50 * SECOND);
  }

  @Test
  void aChannelWithUnreadRecordsAndNoTickYetMeansNoWatermark() {
    watermarks.ticked("a", 100 * SECOND);
    watermarks.caughtUp("new", false);

    assertThat(watermarks.watermark()).isEmpty();

    watermarks.caughtUp("new", true);
    assertThat(watermarks.watermark()).hasValue(100 * SECOND);
  }
}
