package dev.milvusmigrate.capture;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where capture reads the source's changes: a log of channels, each an ordered sequence of
 * entries with offsets that survive a restart. {@link KafkaLog} reads one kept in Kafka (the DML
 * topics of Milvus 2.2.16-2.5 on Kafka, the capture-proxy's topic), {@link PulsarLog} one kept in
 * Pulsar (Milvus 2.2-2.5 on Pulsar); a Milvus 2.6 WAL would be another.
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

  /**
   * The positions capture committed to Kafka (the next offset of each channel, as in its checkpoints):
   * a log that keeps entries for capture (a Pulsar subscription) may let go of what came before.
   */
  default void committed(Map<LogChannel, Long> positions) {}

  /**
   * The job needs the log no more (its capture is complete, or the job ended): removes whatever
   * capture left on the source's log, such as a subscription that would keep a backlog.
   */
  default void release() {}

  /** Makes a blocked {@link #poll} return at once (from another thread, to stop). */
  void wakeup();

  @Override
  void close();
}
