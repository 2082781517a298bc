package dev.milvusmigrate.bench;

/** How many entities each of several collections gets. */
final class Split {

  private Split() {}

  /** {@code total} in {@code parts} counts that differ by at most one, the larger first; they add up to it. */
  static long[] evenly(long total, int parts) {
    if (parts < 1 || total < 0) {
      throw new IllegalArgumentException("Cannot split " + total + " entities over " + parts + " collections.");
    }
    long[] counts = new long[parts];
    for (int i = 0; i < parts; i++) {
      counts[i] = total / parts + (i < total % parts ? 1 : 0);
    }
    return counts;
  }
}
