package dev.milvusmigrate.proxy;

import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.InsecureServerCredentials;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerCredentials;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A gRPC server of any method for the forwarder's tests: it answers each request message with the
 * same bytes, and shows what it received. The request headers steer it: {@code x-reply-status}
 * closes the call with that code, {@code x-reply-gzip} compresses the response; the response
 * carries {@code x-echo} (the request's {@code x-app}) as a header and {@code x-trailer} as a trailer.
 */
final class EchoSource implements ServerCallHandler<byte[], byte[]>, AutoCloseable {

  static final Metadata.Key<String> APP = key("x-app");
  static final Metadata.Key<String> ECHO = key("x-echo");
  static final Metadata.Key<String> TRAILER = key("x-trailer");
  static final Metadata.Key<String> REPLY_STATUS = key("x-reply-status");
  static final Metadata.Key<String> REPLY_GZIP = key("x-reply-gzip");

  /** What one call brought to the source. */
  record Received(String method, Metadata headers, Deadline deadline) {}

  final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
  private final Server server;

  EchoSource() {
    this(InsecureServerCredentials.create());
  }

  EchoSource(ServerCredentials credentials) {
    try {
      server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0), credentials)
          .fallbackHandlerRegistry(new AnyMethod(this)).maxInboundMessageSize(Integer.MAX_VALUE).build().start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Metadata.Key<String> key(String name) {
    return Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER);
  }

  String uri() {
    return "http://127.0.0.1:" + server.getPort();
  }

  int port() {
    return server.getPort();
  }

  @Override
  public ServerCall.Listener<byte[]> startCall(ServerCall<byte[], byte[]> call, Metadata headers) {
    received.add(new Received(call.getMethodDescriptor().getFullMethodName(), headers, Context.current().getDeadline()));
    call.request(1);
    return new ServerCall.Listener<>() {
      private boolean headersSent;

      @Override
      public void onMessage(byte[] message) {
        if (!headersSent) {
          Metadata responseHeaders = new Metadata();
          responseHeaders.put(ECHO, String.valueOf(headers.get(APP)));
          if (headers.containsKey(REPLY_GZIP)) {
            call.setCompression("gzip");
          }
          call.sendHeaders(responseHeaders);
          headersSent = true;
        }
        call.sendMessage(message);
        call.request(1);
      }

      @Override
      public void onHalfClose() {
        Metadata trailers = new Metadata();
        trailers.put(TRAILER, "trailer of " + call.getMethodDescriptor().getFullMethodName());
        String code = headers.get(REPLY_STATUS);
        call.close(code == null ? Status.OK
            : Status.fromCode(Status.Code.valueOf(code)).withDescription("the source says " + code), trailers);
      }
    };
  }

  @Override
  public void close() throws InterruptedException {
    server.shutdownNow().awaitTermination();
  }
}
