package dev.milvusmigrate.milvus;

import io.milvus.grpc.MilvusServiceGrpc;
import io.milvus.grpc.MilvusServiceGrpc.MilvusServiceBlockingStub;
import io.milvus.grpc.Status;
import io.milvus.shaded.io.grpc.Channel;
import io.milvus.shaded.io.grpc.ClientInterceptor;
import io.milvus.shaded.io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Runs blocking Milvus RPCs with a deadline and turns every failure, transport or {@link Status},
 * into a {@link MilvusAccessException}.
 */
final class GrpcCalls {

  private final MilvusServiceBlockingStub stub;
  private final String serverLabel;
  private final Duration timeout;

  GrpcCalls(Channel channel, ClientInterceptor authorization, String serverLabel, Duration timeout) {
    this(MilvusServiceGrpc.newBlockingStub(channel).withInterceptors(authorization), serverLabel, timeout);
  }

  private GrpcCalls(MilvusServiceBlockingStub stub, String serverLabel, Duration timeout) {
    this.stub = stub;
    this.serverLabel = serverLabel;
    this.timeout = timeout;
  }

  String serverLabel() {
    return serverLabel;
  }

  GrpcCalls withTimeout(Duration newTimeout) {
    return new GrpcCalls(stub, serverLabel, newTimeout);
  }

  /** Calls {@code rpc} and fails unless the response's status says success. */
  <R> R call(String action, Function<MilvusServiceBlockingStub, R> rpc, Function<R, Status> statusOf) {
    R response = callRaw(action, rpc);
    check(action, statusOf.apply(response));
    return response;
  }

  /** For RPCs that return a bare {@link Status}. */
  void call(String action, Function<MilvusServiceBlockingStub, Status> rpc) {
    check(action, callRaw(action, rpc));
  }

  /** Calls {@code rpc} and only translates transport failures; the caller inspects the status. */
  <R> R callRaw(String action, Function<MilvusServiceBlockingStub, R> rpc) {
    try {
      return rpc.apply(stub.withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS));
    } catch (StatusRuntimeException e) {
      throw StatusTranslator.fromGrpc(serverLabel, action, e);
    }
  }

  void check(String action, Status status) {
    if (!StatusTranslator.isSuccess(status)) {
      throw StatusTranslator.fromStatus(serverLabel, action, status);
    }
  }
}
