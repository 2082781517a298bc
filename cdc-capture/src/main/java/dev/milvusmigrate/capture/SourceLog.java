package dev.milvusmigrate.capture;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where capture reads the source's changes: a log of channels, each an ordered sequence of
 * entries with offsets that survive a restart. {@link KafkaLog} reads one kept in Kafka (the DML
 * topics of Milvus 2.2.16-2.5 on Kafka, the capture-proxy's topic); a Milvus 2.6 WAL would be another.
 * Capture itself (scope, transactions, heartbeats, fence) does not change.
 *
 * @param <E> what an entry holds
 */
public interface SourceLog<E> extends AutoCloseable {

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
  List<LogEntry<E>> poll(Duration timeout);

  /** The entry just before {@code offset} in the channel; empty when the channel holds none before it. */
  Optional<E> entryBefore(LogChannel channel, long offset);

  /** Whether every entry of the channel written so far has been returned. */
  boolean caughtUp(LogChannel channel);

  /** Makes a blocked {@link #poll} return at once (from another thread, to stop). */
  void wakeup();

  @Override
  void close();
}
