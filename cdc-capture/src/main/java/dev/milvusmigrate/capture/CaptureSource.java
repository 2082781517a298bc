package dev.milvusmigrate.capture;

import dev.milvusmigrate.milvus.MilvusCatalog;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.kafka.common.errors.AuthorizationException;

/**
 * Where a zero-downtime job's changes come from: the source's own log ({@link WalCapture}) or the
 * capture-proxy's topic ({@link ProxyCapture}). Capture itself (transactions, checkpoints,
 * heartbeats, the fence) is the same for every one.
 */
interface CaptureSource<E> {

  /** Opens the log, once per (re)start of a job's capture. */
  SourceLog<E> open(String clientId);

  EntryHandler<E> handler(CaptureContext context);

  /**
   * For a log stamped by its own clock, the newest time before the start positions: the snapshot
   * timestamp T then, since every entry after them is later. Empty when entries carry the source's
   * timestamps (T is then the source's). Fails the job when nothing records the source's writes.
   */
  OptionalLong startTime(SourceLog<E> log, Map<LogChannel, Long> starts);

  /** The stop-sync fence F: every write the source acknowledged before now is in the log at or before F. */
  long fenceTime(SourceLog<E> log, MilvusCatalog source);

  /**
   * The sentence for a permission the log's Kafka denied on the log's own topics; empty when the
   * denial is about another resource, which capture names itself.
   */
  default Optional<String> refusal(AuthorizationException denied) {
    return Optional.empty();
  }

  /** What capture reads, for logs. */
  String describe();
}
