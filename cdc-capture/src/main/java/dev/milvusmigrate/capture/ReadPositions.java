package dev.milvusmigrate.capture;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** The next offset to read of each channel, as far as entries were handled. */
final class ReadPositions {

  private final Map<LogChannel, Long> next = new HashMap<>();

  void positioned(Map<LogChannel, Long> positions) {
    next.putAll(positions);
  }

  void handled(LogEntry<?> entry) {
    next.put(entry.channel(), entry.offset() + 1);
  }

  long next(LogChannel channel) {
    return next.getOrDefault(channel, 0L);
  }

  Set<LogChannel> channels() {
    return Set.copyOf(next.keySet());
  }
}
