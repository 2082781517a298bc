package dev.milvusmigrate.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.milvusmigrate.sink.AppliedWatermarks.Watermark;
import dev.milvusmigrate.sink.MutationFold.PartitionProgress;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AppliedWatermarksTest {

  private static final long NOW = 1_700_000_000_000L;

  private final AppliedWatermarks watermarks = new AppliedWatermarks();

  @Test
  void nothingIsDueBeforeACommit() {
    assertThat(watermarks.due(NOW)).isEmpty();
  }

  @Test
  void aPartitionsFirstCommitIsDueAtOnceWithCumulativeRowsAndTheHighestTimestamp() {
    watermarks.committed(Map.of(0, new PartitionProgress(50, 2), 1, new PartitionProgress(70, 0)));
    assertThat(watermarks.due(NOW)).containsExactly(new Watermark(0, 50, 2), new Watermark(1, 70, 0));

    watermarks.committed(Map.of(0, new PartitionProgress(40, 3)));
    assertThat(watermarks.due(NOW + AppliedWatermarks.INTERVAL_MS)).containsExactly(new Watermark(0, 50, 5));
  }

  @Test
  void aPartitionIsReportedAtMostOncePerIntervalAndTheLatestChangeStaysDue() {
    watermarks.committed(Map.of(0, new PartitionProgress(10, 0)));
    assertThat(watermarks.due(NOW)).containsExactly(new Watermark(0, 10, 0));

    watermarks.committed(Map.of(0, new PartitionProgress(20, 0)));
    watermarks.committed(Map.of(0, new PartitionProgress(30, 1)));
    assertThat(watermarks.due(NOW + AppliedWatermarks.INTERVAL_MS - 1)).isEmpty();

    assertThat(watermarks.due(NOW + AppliedWatermarks.INTERVAL_MS)).containsExactly(new Watermark(0, 30, 1));
    assertThat(watermarks.due(NOW + 10 * AppliedWatermarks.INTERVAL_MS)).as("nothing new").isEmpty();
  }

  @Test
  void partitionsAreThrottledIndependently() {
    watermarks.committed(Map.of(0, new PartitionProgress(10, 0)));
    assertThat(watermarks.due(NOW)).hasSize(1);

    watermarks.committed(Map.of(0, new PartitionProgress(20, 0), 1, new PartitionProgress(25, 0)));

    assertThat(watermarks.due(NOW + 1)).containsExactly(new Watermark(1, 25, 0));
  }
}
