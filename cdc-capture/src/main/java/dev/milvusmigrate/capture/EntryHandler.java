package dev.milvusmigrate.capture;

import java.util.Map;
import java.util.Set;

/**
 * Turns the entries of one kind of source log into the records of a capture transaction, and
 * knows, per channel, the offset a restarted capture must read from.
 */
interface EntryHandler<E> {

  /** How far the entries of each channel were handled. */
  ReadPositions positions();

  void handle(LogEntry<E> entry, CaptureBatch batch);

  /** Where each channel is read from now (start positions or checkpoints). */
  default void positioned(Map<LogChannel, Long> starts) {
    positions().positioned(starts);
  }

  /** Offset a restarted capture must read the channel from: after everything handled. */
  default long resumeOffset(LogChannel channel) {
    return positions().next(channel);
  }

  /**
   * The entries, committed before this run, that must be handled again at the fence
   * ({@link #atFence}); none for a log that tells every change as the source applied it.
   */
  default void settleAgainAtFence(Set<WalPosition> entries) {
  }

  /**
   * Adds to the fence's transaction, before the fence, what settles again the entries handled with
   * an outcome the log could not tell; the fence's time {@code fenceTs} stamps it.
   */
  default void atFence(SourceLog<E> log, long fenceTs, CaptureBatch batch) {
  }

  /** The channels being read. */
  default Set<LogChannel> channels() {
    return positions().channels();
  }
}
