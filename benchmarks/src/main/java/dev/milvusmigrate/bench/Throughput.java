package dev.milvusmigrate.bench;

import java.time.Duration;

/**
 * What one copy method achieved. {@code bytes} is the logical payload (rows times the row's
 * field bytes), the same measure for every method, so MB/s compare like rows/s do.
 */
record Throughput(String method, long rows, long bytes, Duration elapsed) {

  static Throughput of(String method, long rows, int rowBytes, Duration elapsed) {
    return new Throughput(method, rows, rows * rowBytes, elapsed);
  }

  double seconds() {
    return Math.max(elapsed.toNanos(), 1) / 1e9;
  }

  double rowsPerSecond() {
    return rows / seconds();
  }

  double megabytesPerSecond() {
    return bytes / 1_000_000.0 / seconds();
  }

  String line() {
    return String.format("%-44s %,10d rows %8.1f s %,10.0f rows/s %8.1f MB/s", method, rows, seconds(),
        rowsPerSecond(), megabytesPerSecond());
  }
}
