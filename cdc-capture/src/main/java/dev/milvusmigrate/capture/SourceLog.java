package dev.milvusmigrate.capture;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where capture reads the source's changes: a log of channels, each an ordered sequence of
 * entries with offsets that survive a restart. {@link KafkaDmlLog} is the implementation for
 * Milvus 2.2.16-2.5 whose message queue is Kafka; a Milvus 2.6 WAL or a write-capturing proxy would be
 * others. Capture itself (scope, upsert pairing, transactions, heartbeats, fence) does not change.
 */
public interface SourceLog extends AutoCloseable {

  /** The channels the source has now. */
  Set<LogChannel> channels();

  /** The current end of each channel: where capture starts on channels that exist when a job starts. */
  Map<LogChannel, Long> ends(Set<LogChannel> channels);

  /**
   * Starts (or keeps) reading the given channels at the given offsets. Fails the job with a
   * {@code JobFailure} when the log no longer holds an offset, instead of skipping changes.
   */
  void read(Map<LogChannel, Long> positions);

  /** The channels being read. */
  Set<LogChannel> reading();

  /** The entries that arrived, in order per channel; an entry that is not a readable change fails the job. */
  List<LogEntry> poll(Duration timeout);

  /** Whether every entry of the channel written so far has been returned. */
  boolean caughtUp(LogChannel channel);

  /** Makes a blocked {@link #poll} return at once (from another thread, to stop). */
  void wakeup();

  @Override
  void close();
}
