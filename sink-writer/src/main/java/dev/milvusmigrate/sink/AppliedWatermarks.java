package dev.milvusmigrate.sink;

import dev.milvusmigrate.sink.MutationFold.PartitionProgress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The applied watermark of each mutations partition this instance committed: the newest source
 * timestamp and the rows applied so far. Reports each partition's at most once per {@link
 * #INTERVAL_MS}: a report is cumulative, so a later one covers the skipped ones, and heartbeats
 * alone would otherwise fill the progress topic. A change not reported yet stays due until reported.
 */
final class AppliedWatermarks {

  static final long INTERVAL_MS = 1_000;

  /** What one report says about a partition. */
  record Watermark(int partition, long appliedTs, long rowsApplied) {}

  private static final class Partition {
    private long appliedTs = Long.MIN_VALUE;
    private long rowsApplied;
    private boolean everReported;
    private long reportedAt;
    private boolean unreported;

    boolean isDue(long nowMillis) {
      return unreported && (!everReported || nowMillis - reportedAt >= INTERVAL_MS);
    }
  }

  private final Map<Integer, Partition> partitions = new TreeMap<>();

  /** Records what a committed poll applied, per partition. */
  void committed(Map<Integer, PartitionProgress> progress) {
    progress.forEach((number, applied) -> {
      Partition partition = partitions.computeIfAbsent(number, n -> new Partition());
      partition.appliedTs = Math.max(partition.appliedTs, applied.highestTs());
      partition.rowsApplied += applied.rowsApplied();
      partition.unreported = true;
    });
  }

  /** Rows this instance applied from the partition so far. */
  long rowsApplied(int partition) {
    Partition applied = partitions.get(partition);
    return applied == null ? 0 : applied.rowsApplied;
  }

  /** The watermarks to report now, each counted as reported. */
  List<Watermark> due(long nowMillis) {
    List<Watermark> due = new ArrayList<>();
    partitions.forEach((number, partition) -> {
      if (partition.isDue(nowMillis)) {
        partition.unreported = false;
        partition.everReported = true;
        partition.reportedAt = nowMillis;
        due.add(new Watermark(number, partition.appliedTs, partition.rowsApplied));
      }
    });
    return due;
  }
}
