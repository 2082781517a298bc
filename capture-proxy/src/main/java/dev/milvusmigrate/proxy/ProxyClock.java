package dev.milvusmigrate.proxy;

import dev.milvusmigrate.core.domain.HybridTimestamp;
import java.time.Clock;
import java.util.TreeMap;

/**
 * The proxy's time, in the hybrid timestamp format of Milvus (wall-clock ms << 18 | counter), and
 * the writes in flight at each moment. {@link #next} never repeats or goes back, so the records
 * stamped in the order they are appended have increasing timestamps. A write is in flight from
 * before it is forwarded until its record was appended or it failed; {@link #watermark} is never
 * later than the start of one, so no write the source may already have applied is behind it.
 */
final class ProxyClock {

  private final Clock wall;
  private final TreeMap<Long, Integer> inFlight = new TreeMap<>();
  private long last;
  private long lastWatermark;

  ProxyClock(Clock wall) {
    this.wall = wall;
  }

  /** Every later stamp follows {@code stamp}: the newest of an earlier run, whose machine's clock may be ahead. */
  synchronized void notBefore(long stamp) {
    last = Math.max(last, stamp);
  }

  /** A new timestamp, later than every one given before. */
  synchronized long next() {
    last = Math.max(last + 1, HybridTimestamp.ofInstant(wall.instant()).value());
    return last;
  }

  /** A write starts: until {@link #ended} with the returned start, the watermark stays at or before it. */
  synchronized long started() {
    long start = next();
    inFlight.merge(start, 1, Integer::sum);
    return start;
  }

  /** The write that started at {@code start} was recorded, or will never be. */
  synchronized void ended(long start) {
    inFlight.computeIfPresent(start, (at, count) -> count == 1 ? null : count - 1);
  }

  /** Whether no write is in flight: every one that started was recorded or failed. */
  synchronized boolean idle() {
    return inFlight.isEmpty();
  }

  /**
   * No write that the source applied at or before the returned time is still to be recorded: the
   * earlier of now and the oldest write in flight (just before it), never earlier than the last one.
   */
  synchronized long watermark() {
    long now = next();
    long candidate = inFlight.isEmpty() ? now : Math.min(now, inFlight.firstKey() - 1);
    lastWatermark = Math.max(lastWatermark, candidate);
    return lastWatermark;
  }
}
