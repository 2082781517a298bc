package dev.milvusmigrate.capture;

import dev.milvusmigrate.core.domain.JobFailure;
import org.apache.pulsar.client.api.MessageId;
import org.apache.pulsar.client.api.MessageIdAdv;
import org.apache.pulsar.client.impl.MessageIdImpl;

/**
 * Pulsar message ids as the long offsets capture commits: the entry id in the low 31 bits and the
 * ledger id (below 2^32) above them, so offsets grow with the log and {@code offset + 1} is the next entry
 * of the same ledger (a position the broker moves on to the next ledger when that one was closed
 * before it). 0 is the beginning of the topic. Milvus writes its log unbatched, one message per entry.
 */
final class PulsarPositions {

  static final long BEGINNING = 0L;
  private static final int ENTRY_BITS = 31;
  private static final long ENTRY_MASK = (1L << ENTRY_BITS) - 1;

  private PulsarPositions() {}

  /** The offset of a message; fails the job on a batched message or an id too large to encode. */
  static long offset(String topic, MessageId id) {
    MessageIdAdv adv = (MessageIdAdv) id;
    if (adv.getBatchSize() > 1) {
      throw new JobFailure("The source's log " + topic + " holds batched messages (" + id + "), which Milvus does not"
          + " write: capture reads only a Milvus log.", null, null);
    }
    return offset(topic, adv.getLedgerId(), adv.getEntryId());
  }

  static long offset(String topic, long ledger, long entry) {
    if (ledger < 0 || ledger >= (1L << 32) || entry < 0 || entry > ENTRY_MASK) {
      throw new JobFailure("The source's log " + topic + " has a position (ledger " + ledger + ", entry " + entry
          + ") beyond what capture can record.", null, null);
    }
    return ledger << ENTRY_BITS | entry;
  }

  /** The message id an offset stands for; {@link MessageId#earliest} for {@link #BEGINNING}. */
  static MessageId messageId(long offset) {
    return offset == BEGINNING ? MessageId.earliest : new MessageIdImpl(offset >>> ENTRY_BITS, offset & ENTRY_MASK, -1);
  }

  /** The message just before an offset in the same ledger, which a cumulative acknowledgement may name; else none. */
  static MessageId before(long offset) {
    long entry = offset & ENTRY_MASK;
    return offset == BEGINNING || entry == 0 ? null : new MessageIdImpl(offset >>> ENTRY_BITS, entry - 1, -1);
  }
}
