package dev.milvusmigrate.proxy;

import io.grpc.ClientCall;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.Status;

/**
 * The two halves of a forwarded call: the application's call to the proxy and the proxy's call to
 * the source. Each message is asked for only when the other side can take it, so a slow reader on
 * either side slows the writer instead of filling the proxy's memory.
 */
final class ForwardedCall {

  private final ServerCall<byte[], byte[]> application;
  private final ClientCall<byte[], byte[]> source;
  private final WriteTap tap;
  private final Runnable ended;
  private final Requests requests = new Requests();
  private final Responses responses = new Responses();

  /**
   * @param tap keeps a write's messages; null for other calls
   * @param ended told once the call to the source closed and the application was answered
   */
  ForwardedCall(ServerCall<byte[], byte[]> application, ClientCall<byte[], byte[]> source, WriteTap tap,
      Runnable ended) {
    this.application = application;
    this.source = source;
    this.tap = tap;
    this.ended = ended;
  }

  ServerCall.Listener<byte[]> requests() {
    return requests;
  }

  ClientCall.Listener<byte[]> responses() {
    return responses;
  }

  /** From the application to the source. */
  private final class Requests extends ServerCall.Listener<byte[]> {
    private boolean waiting;
    /** Set when the proxy refused to forward the write; the application's call is closed then. */
    private volatile boolean refused;

    @Override
    public void onMessage(byte[] message) {
      if (tap != null) {
        try {
          tap.request(message);
        } catch (WriteOrder.Refused e) {
          refuse(e.status);
          return;
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          refuse(Status.UNAVAILABLE.withDescription("The capture-proxy is stopping; nothing was written."));
          return;
        }
      }
      source.sendMessage(message);
      synchronized (this) {
        if (source.isReady()) {
          application.request(1);
        } else {
          waiting = true;
        }
      }
    }

    private void refuse(Status status) {
      refused = true;
      source.cancel("The capture-proxy refused the write.", null);
      application.close(status, new Metadata());
    }

    @Override
    public void onHalfClose() {
      if (!refused) {
        source.halfClose();
      }
    }

    @Override
    public void onCancel() {
      source.cancel("The application cancelled the call.", null);
    }

    @Override
    public void onReady() {
      responses.applicationReady();
    }

    synchronized void sourceReady() {
      if (waiting) {
        waiting = false;
        application.request(1);
      }
    }
  }

  /** From the source back to the application. */
  private final class Responses extends ClientCall.Listener<byte[]> {
    private boolean waiting;

    @Override
    public void onHeaders(Metadata headers) {
      String encoding = CallForwarder.compression(headers);
      if (encoding != null) {
        application.setCompression(encoding);
      }
      application.sendHeaders(headers);
    }

    @Override
    public void onMessage(byte[] message) {
      if (tap != null) {
        tap.response(message);
      }
      application.sendMessage(message);
      synchronized (this) {
        if (application.isReady()) {
          source.request(1);
        } else {
          waiting = true;
        }
      }
    }

    @Override
    public void onClose(Status status, Metadata trailers) {
      try {
        close(status, trailers);
      } finally {
        ended.run();
      }
    }

    private void close(Status status, Metadata trailers) {
      if (requests.refused) {
        return;
      }
      if (tap != null) {
        try {
          tap.closed(status);
        } catch (RuntimeException e) {
          // Never a success the migration misses: the application learns the write was not recorded.
          application.close(Status.UNAVAILABLE.withDescription("The source acknowledged this write but the proxy"
              + " could not record it (" + e.getMessage() + "); it may have been applied: check it or write it"
              + " again.").withCause(e), new Metadata());
          return;
        }
      }
      application.close(status, trailers);
    }

    @Override
    public void onReady() {
      requests.sourceReady();
    }

    synchronized void applicationReady() {
      if (waiting) {
        waiting = false;
        source.request(1);
      }
    }
  }
}
