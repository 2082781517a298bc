package dev.milvusmigrate.core.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * A Milvus hybrid timestamp (TSO): physical milliseconds since the epoch shifted left by 18
 * bits, plus an 18-bit logical counter. Every change carries the source's hybrid timestamp;
 * lag is computed from these, never from a local clock alone.
 */
public record HybridTimestamp(long value) implements Comparable<HybridTimestamp> {

  static final int LOGICAL_BITS = 18;
  private static final long LOGICAL_MASK = (1L << LOGICAL_BITS) - 1;

  public HybridTimestamp {
    if (value < 0) {
      throw new IllegalArgumentException("A hybrid timestamp cannot be negative: " + value);
    }
  }

  public static HybridTimestamp of(long physicalMillis, long logical) {
    if (physicalMillis < 0 || logical < 0 || logical > LOGICAL_MASK) {
      throw new IllegalArgumentException("Out of range: physical=" + physicalMillis + " logical=" + logical);
    }
    return new HybridTimestamp((physicalMillis << LOGICAL_BITS) | logical);
  }

  public static HybridTimestamp ofInstant(Instant instant) {
    return of(instant.toEpochMilli(), 0);
  }

  public long physicalMillis() {
    return value >>> LOGICAL_BITS;
  }

  public long logical() {
    return value & LOGICAL_MASK;
  }

  public Instant toInstant() {
    return Instant.ofEpochMilli(physicalMillis());
  }

  /** How far this timestamp is behind {@code newer}; zero if it is not behind. */
  public Duration behind(HybridTimestamp newer) {
    return Duration.ofMillis(Math.max(0, newer.physicalMillis() - physicalMillis()));
  }

  @Override
  public int compareTo(HybridTimestamp other) {
    return Long.compare(value, other.value);
  }

  @Override
  public String toString() {
    return value + " (" + toInstant() + " +" + logical() + ")";
  }
}
