package dev.milvusmigrate.proxy;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** A raw-bytes client call of the tests, run to its end: what came back, as an application sees it. */
record RecordedCall(Metadata headers, List<byte[]> messages, Status status, Metadata trailers) {

  static RecordedCall run(Channel channel, String method, CallOptions options, Metadata headers,
      List<byte[]> requests) throws Exception {
    MethodDescriptor<byte[], byte[]> descriptor = MethodDescriptor.newBuilder(RawBytes.MARSHALLER, RawBytes.MARSHALLER)
        .setFullMethodName(method).setType(MethodDescriptor.MethodType.BIDI_STREAMING).build();
    ClientCall<byte[], byte[]> call = channel.newCall(descriptor, options);
    CompletableFuture<RecordedCall> done = new CompletableFuture<>();
    List<byte[]> messages = new CopyOnWriteArrayList<>();
    Metadata[] responseHeaders = {new Metadata()};
    call.start(new ClientCall.Listener<>() {
      @Override
      public void onHeaders(Metadata received) {
        responseHeaders[0] = received;
      }

      @Override
      public void onMessage(byte[] message) {
        messages.add(message);
      }

      @Override
      public void onClose(Status status, Metadata trailers) {
        done.complete(new RecordedCall(responseHeaders[0], messages, status, trailers));
      }
    }, headers);
    call.request(Integer.MAX_VALUE);
    requests.forEach(call::sendMessage);
    call.halfClose();
    return done.get(60, TimeUnit.SECONDS);
  }
}
