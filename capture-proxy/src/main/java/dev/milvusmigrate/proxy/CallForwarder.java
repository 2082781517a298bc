package dev.milvusmigrate.proxy;

import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.CompressorRegistry;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;

/**
 * Forwards one call to the source as it came: the same method, the request headers (the
 * {@code authorization} and {@code dbname} of Milvus clients and any other), the messages and the
 * message compression; back come the response headers, messages, status and trailers. The writes
 * the source acknowledged are read on the way ({@link WriteTap}); during a cutover the writes wait
 * at the {@link WriteGate}, and afterwards everything goes to the target ({@link Upstream}). The
 * deadline needs no code: the call to the source is made in the incoming call's context, whose
 * deadline and cancellation gRPC applies to it.
 */
final class CallForwarder implements ServerCallHandler<byte[], byte[]> {

  static final Metadata.Key<String> MESSAGE_ENCODING =
      Metadata.Key.of("grpc-encoding", Metadata.ASCII_STRING_MARSHALLER);

  private final Upstream upstream;
  private final WriteGate gate;

  CallForwarder(Upstream upstream, WriteGate gate) {
    this.upstream = upstream;
    this.gate = gate;
  }

  @Override
  public ServerCall.Listener<byte[]> startCall(ServerCall<byte[], byte[]> application, Metadata headers) {
    if (!WriteGate.holds(application.getMethodDescriptor().getFullMethodName())) {
      return forward(application, headers, () -> { });
    }
    HeldCall held = new HeldCall(application, () -> forward(application, headers, gate::ended), gate::ended);
    if (gate.admit(held)) {
      return forward(application, headers, gate::ended);
    }
    application.request(1);
    return held;
  }

  /** Starts the call on the route the proxy serves now; {@code ended} is told once it closed. */
  private ServerCall.Listener<byte[]> forward(ServerCall<byte[], byte[]> application, Metadata headers,
      Runnable ended) {
    Upstream.Route route = upstream.route();
    CallOptions options = CallOptions.DEFAULT;
    String encoding = compression(headers);
    if (encoding != null) {
      options = options.withCompression(encoding);
    }
    ClientCall<byte[], byte[]> toSource = route.channel().newCall(application.getMethodDescriptor(), options);
    String method = application.getMethodDescriptor().getFullMethodName();
    WriteTap tap = route.recording() ? WriteTap.of(method, headers, route.order(), route.intents(), route.writes())
        : null;
    ForwardedCall call = new ForwardedCall(application, toSource, tap, ended);
    toSource.start(call.responses(), headers);
    application.request(1);
    toSource.request(1);
    return call.requests();
  }

  /** The message compression the headers name, when this side can compress with it too; null for none. */
  static String compression(Metadata headers) {
    String encoding = headers.get(MESSAGE_ENCODING);
    if (encoding == null || encoding.equals("identity")
        || CompressorRegistry.getDefaultInstance().lookupCompressor(encoding) == null) {
      return null;
    }
    return encoding;
  }
}
