package dev.milvusmigrate.bench;

import java.util.Arrays;

/** Nearest-rank percentiles of measured values (lags in ms, latencies in µs); -1 when there are none. */
record Percentiles(long[] sorted) {

  static Percentiles of(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return new Percentiles(sorted);
  }

  int count() {
    return sorted.length;
  }

  /** The smallest value that at least {@code p} percent of the values are at or below. */
  long percentile(double p) {
    if (sorted.length == 0) {
      return -1;
    }
    int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  long max() {
    return sorted.length == 0 ? -1 : sorted[sorted.length - 1];
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Percentiles percentiles && Arrays.equals(sorted, percentiles.sorted);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(sorted);
  }

  @Override
  public String toString() {
    return "Percentiles[" + sorted.length + " values]";
  }
}
