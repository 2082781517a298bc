package dev.milvusmigrate.proxy;

import io.grpc.HandlerRegistry;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCallHandler;
import io.grpc.ServerMethodDefinition;

/**
 * Serves every method name a client calls, not a list of known ones, so that a method the source
 * has and this code never heard of is forwarded too. The call type is unknown to the proxy: its
 * handler streams both ways, which carries unary and streaming calls alike.
 */
final class AnyMethod extends HandlerRegistry {

  private final ServerCallHandler<byte[], byte[]> handler;

  AnyMethod(ServerCallHandler<byte[], byte[]> handler) {
    this.handler = handler;
  }

  @Override
  public ServerMethodDefinition<?, ?> lookupMethod(String methodName, String authority) {
    MethodDescriptor<byte[], byte[]> method = MethodDescriptor.newBuilder(RawBytes.MARSHALLER, RawBytes.MARSHALLER)
        .setFullMethodName(methodName).setType(MethodDescriptor.MethodType.UNKNOWN).build();
    return ServerMethodDefinition.create(method, handler);
  }
}
