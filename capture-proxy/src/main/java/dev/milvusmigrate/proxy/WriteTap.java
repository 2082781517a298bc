package dev.milvusmigrate.proxy;

import dev.milvusmigrate.milvus.api.AcknowledgedWriteDecoder;
import io.grpc.Metadata;
import io.grpc.Status;

/**
 * Follows one write call (Insert, Upsert, Delete: one message each way): orders the request and
 * records its intent before it is forwarded, keeps the response, and when the source closes the
 * call records how the write ended before the application gets the answer: its change when the
 * source acknowledged it, UNCHANGED when it changed nothing, UNKNOWN when the call ended otherwise
 * or the source answered with an error (the source may have applied it, or may still). The write's locks are released after that.
 */
final class WriteTap {

  private static final Metadata.Key<String> DBNAME = Metadata.Key.of("dbname", Metadata.ASCII_STRING_MARSHALLER);

  private final String method;
  private final Metadata headers;
  private final String dbname;
  private final WriteOrder order;
  private final Intents intents;
  private final AcknowledgedWrites writes;
  private WriteOrder.Ordered ordered = WriteOrder.Ordered.UNORDERED;
  private long intent;
  private byte[] request;
  private byte[] response;
  private boolean closed;

  private WriteTap(String method, Metadata headers, WriteOrder order, Intents intents, AcknowledgedWrites writes) {
    this.method = method;
    this.headers = headers;
    this.dbname = headers.get(DBNAME);
    this.order = order;
    this.intents = intents;
    this.writes = writes;
  }

  /**
   * A tap for a write method, with a copy of the request headers (the call to the source takes the
   * originals); null for any other.
   *
   * @param order null to forward writes unordered and without intents
   */
  static WriteTap of(String method, Metadata headers, WriteOrder order, Intents intents, AcknowledgedWrites writes) {
    if (!AcknowledgedWriteDecoder.isWrite(method)) {
      return null;
    }
    Metadata copy = new Metadata();
    copy.merge(headers);
    return new WriteTap(method, copy, order, intents, writes);
  }

  /**
   * Before the request goes to the source: takes its place in the order of its collection and
   * records its intent.
   *
   * @throws WriteOrder.Refused when it must not be forwarded
   */
  void request(byte[] message) throws InterruptedException {
    request = message;
    if (order == null) {
      return;
    }
    WriteOrder.Ordered taken = order.order(method, headers, dbname, message);
    long opened = 0;
    if (taken.intent().isPresent()) {
      try {
        opened = intents.open(taken.intent().get());
      } catch (RuntimeException e) {
        release(taken);
        throw new WriteOrder.Refused(Status.UNAVAILABLE.withDescription("The capture-proxy could not record this"
            + " write before forwarding it (" + e.getMessage() + "); nothing was written: write it again."));
      }
    }
    synchronized (this) {
      if (!closed) {
        ordered = taken;
        intent = opened;
        return;
      }
    }
    // The call ended (cancelled, say) while the write waited for its turn: it was never forwarded.
    if (opened != 0) {
      intents.unchanged(taken.intent().get(), opened, () -> { });
    }
    release(taken);
    throw new WriteOrder.Refused(Status.CANCELLED.withDescription("The call ended before it was forwarded."));
  }

  void response(byte[] message) {
    response = message;
  }

  /**
   * Records how the write ended, then lets the writes waiting for it go.
   *
   * @throws RuntimeException when the source acknowledged the write but its change was not recorded
   */
  void closed(Status status) {
    WriteOrder.Ordered taken;
    long opened;
    synchronized (this) {
      closed = true;
      taken = ordered;
      opened = intent;
    }
    try {
      if (opened == 0) {
        try {
          answered(status, 0);
        } finally {
          taken.ended().run();
        }
      } else {
        settle(status, taken, opened);
      }
    } finally {
      taken.locks().close();
    }
  }

  private void settle(Status status, WriteOrder.Ordered taken, long opened) {
    Intent named = taken.intent().orElseThrow();
    if (!status.isOk() || response == null) {
      intents.unknown(named, opened, taken.ended());
      return;
    }
    boolean changed;
    try {
      changed = answered(status, opened);
    } catch (RuntimeException e) {
      intents.unknown(named, opened, taken.ended());
      throw e;
    }
    if (changed) {
      taken.ended().run();
    } else if (writes.refused(method, response)) {
      // an error answer may come while the source still applies the write later (its log queue)
      intents.unknown(named, opened, taken.ended());
    } else {
      intents.unchanged(named, opened, taken.ended());
    }
  }

  /** Records the write if the source acknowledged it; whether it changed something. */
  private boolean answered(Status status, long opened) {
    return status.isOk() && request != null && response != null
        && writes.answered(method, headers, dbname, request, response, ordered, opened);
  }

  private static void release(WriteOrder.Ordered taken) {
    taken.locks().close();
    taken.ended().run();
  }
}
