package dev.milvusmigrate.proxy;

import dev.milvusmigrate.schemas.avro.ProxyChange;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Unknown outcomes (docs/ARCHITECTURE.md, "Intents"): a write's INTENT is in the topic before the
 * write is forwarded, and every intent is settled by a later record naming it: the write's change,
 * UNCHANGED, or UNKNOWN when the proxy cannot tell whether the source applied it. An outcome that
 * Kafka did not take is kept and appended as UNKNOWN at each {@link #retry} until Kafka takes it;
 * until then the write stays in flight, so the proxy's watermark stays before it.
 */
final class Intents {

  private static final Logger log = LoggerFactory.getLogger(Intents.class);

  private final ChangeLog changes;
  private final ConcurrentLinkedQueue<Unsettled> unsettled = new ConcurrentLinkedQueue<>();

  /** An intent whose outcome is still to be appended, and what ends its write on the proxy's clock. */
  private record Unsettled(Intent intent, long sequence, Runnable ended) {}

  Intents(ChangeLog changes) {
    this.changes = changes;
  }

  /**
   * Appends the intent, before its write is forwarded.
   *
   * @return its sequence, which the write's outcome names
   * @throws IllegalStateException when Kafka did not take it: the write must not be forwarded
   */
  long open(Intent intent) {
    return changes.append(ChangeRecords.intent(intent));
  }

  /** The write changed nothing; it ends ({@code ended}) once that is recorded. */
  void unchanged(Intent intent, long sequence, Runnable ended) {
    settle(ChangeRecords.unchanged(intent, sequence), intent, sequence, ended);
  }

  /** Whether the source applied the write is not known; it ends ({@code ended}) once that is recorded. */
  void unknown(Intent intent, long sequence, Runnable ended) {
    settle(ChangeRecords.unknown(intent, sequence), intent, sequence, ended);
  }

  private void settle(ProxyChange.Builder outcome, Intent intent, long sequence, Runnable ended) {
    try {
      changes.append(outcome);
      ended.run();
    } catch (RuntimeException e) {
      log.warn("The outcome of a write to {}.{} was not recorded ({}); it is recorded as unknown once Kafka takes it.",
          intent.database(), intent.collection(), e.getMessage());
      unsettled.add(new Unsettled(intent, sequence, ended));
    }
  }

  /**
   * Settles as UNKNOWN the intents an earlier run of the proxy left without an outcome, before this
   * run forwards any write.
   *
   * @throws IllegalStateException when Kafka did not take one
   */
  void settleEarlier(List<ProxyChange> open) {
    for (ProxyChange intent : open) {
      changes.append(ChangeRecords.unknown(intent));
      log.warn("A write to {}.{} was forwarded by an earlier run of the proxy that stopped before recording how it"
          + " ended; recorded as unknown, so that capture reads its keys' current state from the source.",
          intent.getDatabase(), intent.getCollection());
    }
  }

  /** Appends the outcomes still to be recorded, as UNKNOWN, until Kafka refuses one. */
  void retry() {
    for (Unsettled next = unsettled.peek(); next != null; next = unsettled.peek()) {
      changes.append(ChangeRecords.unknown(next.intent(), next.sequence()));
      unsettled.remove();
      next.ended().run();
    }
  }
}
