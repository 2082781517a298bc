package dev.milvusmigrate.proxy;

import dev.milvusmigrate.milvus.api.DescribeCall;
import dev.milvusmigrate.schemas.avro.CollectionSchema;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Asks the source for a collection's schema with the headers of the application whose write is
 * being recorded (its credentials and database), since the proxy has no credentials of its own.
 * Asked for every write, so that a collection altered or recreated between two writes is read
 * with its schema of the time.
 */
final class SourceSchemas {

  private static final MethodDescriptor<byte[], byte[]> DESCRIBE =
      MethodDescriptor.newBuilder(RawBytes.MARSHALLER, RawBytes.MARSHALLER)
          .setFullMethodName(DescribeCall.METHOD).setType(MethodDescriptor.MethodType.UNARY).build();

  private final Channel source;
  private final Duration timeout;

  SourceSchemas(Channel source, Duration timeout) {
    this.source = source;
    this.timeout = timeout;
  }

  /** @throws IllegalStateException when the source does not answer in time or refuses */
  CollectionSchema describe(Metadata applicationHeaders, String database, String collection) {
    ClientCall<byte[], byte[]> call = source.newCall(DESCRIBE,
        CallOptions.DEFAULT.withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS));
    CompletableFuture<byte[]> answer = new CompletableFuture<>();
    Metadata headers = new Metadata();
    headers.merge(applicationHeaders);
    call.start(new ClientCall.Listener<>() {
      private byte[] message;

      @Override
      public void onMessage(byte[] response) {
        message = response;
      }

      @Override
      public void onClose(Status status, Metadata trailers) {
        if (status.isOk() && message != null) {
          answer.complete(message);
        } else {
          answer.completeExceptionally(status.asRuntimeException());
        }
      }
    }, headers);
    call.request(1);
    call.sendMessage(DescribeCall.request(database, collection));
    call.halfClose();
    try {
      return DescribeCall.schema(database, collection, answer.get(timeout.toMillis() * 2, TimeUnit.MILLISECONDS));
    } catch (ExecutionException | TimeoutException e) {
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      throw new IllegalStateException("the source did not describe " + database + "." + collection + ": " + cause,
          cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while describing " + collection, e);
    }
  }
}
