package dev.milvusmigrate.proxy;

import io.grpc.Context;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An application's call that waits at the {@link WriteGate}: what the application sends is kept
 * until the call is released, then forwarded (in the call's own gRPC context, so its deadline and
 * cancellation still apply) and handed on in the order it came.
 */
final class HeldCall extends ServerCall.Listener<byte[]> implements WriteGate.Held {

  private static final Logger log = LoggerFactory.getLogger(HeldCall.class);

  private final ServerCall<byte[], byte[]> application;
  private final Context context;
  private final Supplier<ServerCall.Listener<byte[]>> forward;
  private final Runnable ended;
  private final List<Consumer<ServerCall.Listener<byte[]>>> kept = new ArrayList<>();
  private ServerCall.Listener<byte[]> forwarded;

  /**
   * @param forward starts the call on the proxy's route and returns where its messages go
   * @param ended told when forwarding failed, so that the call no longer counts at the gate
   */
  HeldCall(ServerCall<byte[], byte[]> application, Supplier<ServerCall.Listener<byte[]>> forward, Runnable ended) {
    this.application = application;
    this.context = Context.current();
    this.forward = forward;
    this.ended = ended;
  }

  @Override
  public synchronized void release() {
    try {
      context.run(() -> {
        forwarded = forward.get();
        kept.forEach(event -> event.accept(forwarded));
      });
    } catch (RuntimeException e) {
      log.warn("A held call could not be forwarded: {}", e.getMessage());
      ended.run();
      application.close(Status.UNAVAILABLE.withDescription("The capture-proxy could not forward this call after"
          + " holding it (" + e.getMessage() + "); nothing was written: send it again."), new Metadata());
    } finally {
      kept.clear();
    }
  }

  private synchronized void pass(Consumer<ServerCall.Listener<byte[]>> event) {
    if (forwarded != null) {
      event.accept(forwarded);
    } else {
      kept.add(event);
    }
  }

  @Override
  public void onMessage(byte[] message) {
    pass(listener -> listener.onMessage(message));
  }

  @Override
  public void onHalfClose() {
    pass(ServerCall.Listener::onHalfClose);
  }

  @Override
  public void onCancel() {
    pass(ServerCall.Listener::onCancel);
  }

  @Override
  public void onComplete() {
    pass(ServerCall.Listener::onComplete);
  }

  @Override
  public void onReady() {
    pass(ServerCall.Listener::onReady);
  }
}
