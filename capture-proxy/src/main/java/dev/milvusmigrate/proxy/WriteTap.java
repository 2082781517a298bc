package dev.milvusmigrate.proxy;

import dev.milvusmigrate.milvus.api.AcknowledgedWriteDecoder;
import io.grpc.Metadata;
import io.grpc.Status;

/**
 * Follows one write call (Insert, Upsert, Delete: one message each way): orders the request before
 * it is forwarded, keeps the response and hands both on when the source closes the call with OK,
 * before the application gets the answer; the write's locks are released after that.
 */
final class WriteTap {

  private static final Metadata.Key<String> DBNAME = Metadata.Key.of("dbname", Metadata.ASCII_STRING_MARSHALLER);

  private final String method;
  private final Metadata headers;
  private final String dbname;
  private final WriteOrder order;
  private final AcknowledgedWrites writes;
  private WriteOrder.Ordered ordered = WriteOrder.Ordered.UNORDERED;
  private byte[] request;
  private byte[] response;
  private boolean closed;

  private WriteTap(String method, Metadata headers, WriteOrder order, AcknowledgedWrites writes) {
    this.method = method;
    this.headers = headers;
    this.dbname = headers.get(DBNAME);
    this.order = order;
    this.writes = writes;
  }

  /**
   * A tap for a write method, with a copy of the request headers (the call to the source takes the
   * originals); null for any other.
   *
   * @param order null to forward writes unordered
   */
  static WriteTap of(String method, Metadata headers, WriteOrder order, AcknowledgedWrites writes) {
    if (!AcknowledgedWriteDecoder.isWrite(method)) {
      return null;
    }
    Metadata copy = new Metadata();
    copy.merge(headers);
    return new WriteTap(method, copy, order, writes);
  }

  /**
   * Before the request goes to the source: takes its place in the order of its collection.
   *
   * @throws WriteOrder.Refused when it must not be forwarded
   */
  void request(byte[] message) throws InterruptedException {
    request = message;
    if (order == null) {
      return;
    }
    WriteOrder.Ordered taken = order.order(method, headers, dbname, message);
    synchronized (this) {
      if (!closed) {
        ordered = taken;
        return;
      }
    }
    // The call ended (cancelled, say) while the write waited for its turn: its locks go at once.
    taken.held().close();
    throw new WriteOrder.Refused(Status.CANCELLED.withDescription("The call ended before it was forwarded."));
  }

  void response(byte[] message) {
    response = message;
  }

  /** Records the write if the source acknowledged it, then lets the writes waiting for it go. */
  void closed(Status status) {
    WriteOrder.Ordered taken;
    synchronized (this) {
      closed = true;
      taken = ordered;
    }
    try {
      if (status.isOk() && request != null && response != null) {
        writes.answered(method, headers, dbname, request, response, taken.deleteKeys());
      }
    } finally {
      taken.held().close();
    }
  }
}
