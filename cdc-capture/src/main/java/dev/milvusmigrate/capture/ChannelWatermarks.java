package dev.milvusmigrate.capture;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * How far capture has read the source, from the time ticks of its log channels. A tick with
 * timestamp T on a channel says no older message follows there, so once capture has read ticks
 * of T or later on every channel, it has read every write up to T: that is the watermark the
 * heartbeats carry.
 *
 * <p>Milvus stops ticking a channel no collection uses any more. A channel that capture has read
 * to its end and whose newest tick is more than {@code abandonedAfterMs} of source time behind the
 * newest tick of any channel is therefore left out; a channel with unread records never is, so a
 * slow channel holds the watermark back instead of being skipped. A channel that never ticked
 * counts only while it has unread records (Milvus ticks a channel as soon as a collection uses it). When the source is down no
 * channel ticks and the watermark stops, so lag grows.
 */
final class ChannelWatermarks {

  private static final long NO_TICK = Long.MIN_VALUE;

  private record ChannelState(long tick, boolean caughtUp) {}

  private final long abandonedAfterMs;
  private final Map<String, ChannelState> channels = new HashMap<>();

  ChannelWatermarks(long abandonedAfterMs) {
    this.abandonedAfterMs = abandonedAfterMs;
  }

  void ticked(String channel, long timestamp) {
    ChannelState previous = state(channel);
    channels.put(channel, new ChannelState(Math.max(previous.tick(), timestamp), previous.caughtUp()));
  }

  /** Whether capture has read the channel to its end as of the last poll. */
  void caughtUp(String channel, boolean caughtUp) {
    channels.put(channel, new ChannelState(state(channel).tick(), caughtUp));
  }

  /** The newest tick of a channel, for its checkpoint. */
  OptionalLong tick(String channel) {
    long tick = state(channel).tick();
    return tick == NO_TICK ? OptionalLong.empty() : OptionalLong.of(tick);
  }

  /**
   * Every write up to this source timestamp has been read; empty while a channel with unread
   * records has not ticked yet, or before any tick.
   */
  OptionalLong watermark() {
    long newest = channels.values().stream().mapToLong(ChannelState::tick).max().orElse(NO_TICK);
    if (newest == NO_TICK) {
      return OptionalLong.empty();
    }
    long abandonedBefore = newest - (abandonedAfterMs << 18);
    long watermark = Long.MAX_VALUE;
    for (ChannelState state : channels.values()) {
      boolean holdsBack = !state.caughtUp() || (state.tick() != NO_TICK && state.tick() >= abandonedBefore);
      if (holdsBack && state.tick() == NO_TICK) {
        return OptionalLong.empty();
      }
      if (holdsBack) {
        watermark = Math.min(watermark, state.tick());
      }
    }
    return OptionalLong.of(watermark);
  }

  private ChannelState state(String channel) {
    return channels.getOrDefault(channel, new ChannelState(NO_TICK, false));
  }
}
