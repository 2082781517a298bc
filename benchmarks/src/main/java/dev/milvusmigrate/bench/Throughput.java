package dev.milvusmigrate.bench;

import java.time.Duration;

/** What one copy method achieved. */
record Throughput(String method, long rows, long bytes, Duration elapsed) {

  double rowsPerSecond() {
    return rows / seconds();
  }

  double megabytesPerSecond() {
    return bytes / 1_000_000.0 / seconds();
  }

  private double seconds() {
    return Math.max(elapsed.toNanos(), 1) / 1e9;
  }

  String line(Throughput baseline) {
    return String.format("%-34s %,10d rows %8.1f s %,10.0f rows/s %8.1f MB/s %6.2f x direct", method, rows,
        seconds(), rowsPerSecond(), megabytesPerSecond(), rowsPerSecond() / baseline.rowsPerSecond());
  }
}
