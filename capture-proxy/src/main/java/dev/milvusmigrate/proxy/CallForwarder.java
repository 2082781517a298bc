package dev.milvusmigrate.proxy;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.CompressorRegistry;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;

/**
 * Forwards one call to the source as it came: the same method, the request headers (the
 * {@code authorization} and {@code dbname} of Milvus clients and any other), the messages and the
 * message compression; back come the response headers, messages, status and trailers. The writes
 * the source acknowledged are read on the way ({@link WriteTap}). The
 * deadline needs no code: the call to the source is made in the incoming call's context, whose
 * deadline and cancellation gRPC applies to it.
 */
final class CallForwarder implements ServerCallHandler<byte[], byte[]> {

  static final Metadata.Key<String> MESSAGE_ENCODING =
      Metadata.Key.of("grpc-encoding", Metadata.ASCII_STRING_MARSHALLER);

  private final Channel source;
  private final WriteOrder order;
  private final Intents intents;
  private final AcknowledgedWrites writes;

  /** @param order null to forward writes unordered and without intents */
  CallForwarder(Channel source, WriteOrder order, Intents intents, AcknowledgedWrites writes) {
    this.source = source;
    this.order = order;
    this.intents = intents;
    this.writes = writes;
  }

  @Override
  public ServerCall.Listener<byte[]> startCall(ServerCall<byte[], byte[]> application, Metadata headers) {
    CallOptions options = CallOptions.DEFAULT;
    String encoding = compression(headers);
    if (encoding != null) {
      options = options.withCompression(encoding);
    }
    ClientCall<byte[], byte[]> toSource = source.newCall(application.getMethodDescriptor(), options);
    String method = application.getMethodDescriptor().getFullMethodName();
    ForwardedCall call = new ForwardedCall(application, toSource, WriteTap.of(method, headers, order, intents, writes));
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
