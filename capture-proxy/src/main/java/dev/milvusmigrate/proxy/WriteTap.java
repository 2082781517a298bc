package dev.milvusmigrate.proxy;

import dev.milvusmigrate.milvus.api.AcknowledgedWriteDecoder;
import io.grpc.Metadata;
import io.grpc.Status;

/**
 * Keeps the request and the response of a write call (Insert, Upsert, Delete: one message each
 * way) and hands them on when the source closes the call with OK, before the application gets the
 * answer.
 */
final class WriteTap {

  private static final Metadata.Key<String> DBNAME = Metadata.Key.of("dbname", Metadata.ASCII_STRING_MARSHALLER);

  private final String method;
  private final Metadata headers;
  private final String dbname;
  private final AcknowledgedWrites writes;
  private byte[] request;
  private byte[] response;

  private WriteTap(String method, Metadata headers, AcknowledgedWrites writes) {
    this.method = method;
    this.headers = headers;
    this.dbname = headers.get(DBNAME);
    this.writes = writes;
  }

  /**
   * A tap for a write method, with a copy of the request headers (the call to the source takes the
   * originals); null for any other.
   */
  static WriteTap of(String method, Metadata headers, AcknowledgedWrites writes) {
    if (!AcknowledgedWriteDecoder.isWrite(method)) {
      return null;
    }
    Metadata copy = new Metadata();
    copy.merge(headers);
    return new WriteTap(method, copy, writes);
  }

  void request(byte[] message) {
    request = message;
  }

  void response(byte[] message) {
    response = message;
  }

  void closed(Status status) {
    if (status.isOk() && request != null && response != null) {
      writes.answered(method, headers, dbname, request, response);
    }
  }
}
