package dev.milvusmigrate.proxy;

import dev.milvusmigrate.milvus.api.DescribeCall;
import dev.milvusmigrate.milvus.api.FilterQuery;
import dev.milvusmigrate.milvus.wal.WalKeys;
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
 * The proxy's own calls to the source, made with the headers of the application whose write is
 * being ordered or recorded (its credentials and database), since the proxy has no credentials of
 * its own: a collection's schema, asked for every write so that a collection altered or recreated
 * between two writes is read with its schema of the time, the keys a delete by filter will
 * remove, and the dynamic fields an upsert without them left on the source.
 */
final class SourceCalls {

  private static final MethodDescriptor<byte[], byte[]> DESCRIBE = unary(DescribeCall.METHOD);
  private static final MethodDescriptor<byte[], byte[]> QUERY = unary(FilterQuery.METHOD);

  private final Channel source;
  private final Duration timeout;

  SourceCalls(Channel source, Duration timeout) {
    this.source = source;
    this.timeout = timeout;
  }

  /** @throws IllegalStateException when the source does not answer in time or refuses */
  CollectionSchema describe(Metadata applicationHeaders, String database, String collection) {
    byte[] answer = call(DESCRIBE, applicationHeaders, DescribeCall.request(database, collection),
        "describe " + database + "." + collection);
    return DescribeCall.schema(database, collection, answer);
  }

  /**
   * The keys of the entities in every partition that match {@code filter} now, read with Strong
   * consistency; at most {@code limit}.
   */
  WalKeys matching(Metadata applicationHeaders, CollectionSchema schema, String filter, long limit) {
    String key = ChangeRecords.primaryKey(schema);
    byte[] answer = call(QUERY, applicationHeaders, FilterQuery.request(schema.getDatabase(),
        schema.getCollection(), filter, key, limit), "query " + schema.getCollection());
    return FilterQuery.keys(schema.getCollection(), key, answer);
  }

  /** The answer to a query the adapter wrote. */
  byte[] query(Metadata applicationHeaders, String collection, byte[] request) {
    return call(QUERY, applicationHeaders, request, "query " + collection);
  }

  private static MethodDescriptor<byte[], byte[]> unary(String method) {
    return MethodDescriptor.newBuilder(RawBytes.MARSHALLER, RawBytes.MARSHALLER).setFullMethodName(method)
        .setType(MethodDescriptor.MethodType.UNARY).build();
  }

  private byte[] call(MethodDescriptor<byte[], byte[]> method, Metadata applicationHeaders, byte[] request,
      String action) {
    ClientCall<byte[], byte[]> call = source.newCall(method,
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
    call.sendMessage(request);
    call.halfClose();
    try {
      return answer.get(timeout.toMillis() * 2, TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      throw new IllegalStateException("the proxy could not " + action + " on the source: " + cause, cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting to " + action, e);
    }
  }
}
