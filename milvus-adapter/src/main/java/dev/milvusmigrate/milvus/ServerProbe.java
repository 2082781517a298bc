package dev.milvusmigrate.milvus;

import dev.milvusmigrate.milvus.MilvusAccessException.Kind;
import io.milvus.grpc.AllocTimestampRequest;
import io.milvus.grpc.AllocTimestampResponse;
import io.milvus.grpc.GetVersionRequest;
import io.milvus.grpc.GetVersionResponse;
import io.milvus.grpc.ListDatabasesRequest;
import io.milvus.grpc.ListDatabasesResponse;
import io.milvus.grpc.ShowCollectionsRequest;
import io.milvus.grpc.ShowCollectionsResponse;
import io.milvus.grpc.ShowPartitionsRequest;
import io.milvus.grpc.ShowPartitionsResponse;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Checks a freshly opened connection works (the server answers and accepts the credentials) and
 * finds out what the server can do. A call the server does not implement (UNIMPLEMENTED: Milvus
 * Lite 2.4 and 2.5 have no GetVersion, ListDatabases or ShowPartitions) answers that question
 * rather than failing the connection.
 */
final class ServerProbe {

  private static final String DEFAULT_DATABASE = "default";

  private ServerProbe() {}

  static ServerInfo probe(GrpcCalls calls) {
    String version = unlessUnimplemented(() -> calls.call("be reached",
        stub -> stub.getVersion(GetVersionRequest.getDefaultInstance()), GetVersionResponse::getStatus).getVersion())
        .orElse(ServerInfo.UNKNOWN_VERSION);
    boolean databases = unlessUnimplemented(() -> calls.call("list databases with the configured credentials",
        stub -> stub.listDatabases(ListDatabasesRequest.getDefaultInstance()), ListDatabasesResponse::getStatus))
        .isPresent();
    if (!databases) {
      calls.call("list the collections of database '" + DEFAULT_DATABASE + "' with the configured credentials",
          stub -> stub.showCollections(ShowCollectionsRequest.newBuilder().setDbName(DEFAULT_DATABASE).build()),
          ShowCollectionsResponse::getStatus);
    }
    ServerVersion parsed = ServerVersion.parse(version);
    return new ServerInfo(version, pinnedReads(parsed), allocatesTimestamps(calls), databases, hasPartitions(calls));
  }

  /**
   * Iterator reads pinned at a session timestamp need a server that returns {@code session_ts}
   * and uses a given guarantee timestamp as the MVCC timestamp of iterator queries (2.5 on). 2.3
   * and Milvus Lite read at or after the requested time (see the adapter's integration tests).
   */
  private static boolean pinnedReads(ServerVersion version) {
    return version.isMilvusAtLeast(2, 5, 0);
  }

  /** Milvus Lite 2.5 answers AllocTimestamp with success and timestamp 0: that is no timestamp. */
  private static boolean allocatesTimestamps(GrpcCalls calls) {
    try {
      return calls.call("allocate a timestamp", stub -> stub.allocTimestamp(AllocTimestampRequest.getDefaultInstance()),
          AllocTimestampResponse::getStatus).getTimestamp() != 0;
    } catch (MilvusAccessException e) {
      return false;
    }
  }

  /**
   * Asks for the partitions of a collection that does not exist: a server with partitions says it
   * does not exist (or that the user may not see it), one without answers UNIMPLEMENTED.
   */
  private static boolean hasPartitions(GrpcCalls calls) {
    try {
      calls.call("list partitions", stub -> stub.showPartitions(ShowPartitionsRequest.newBuilder()
          .setDbName(DEFAULT_DATABASE).setCollectionName(ScratchCollection.PREFIX + "absent").build()),
          ShowPartitionsResponse::getStatus);
      return true;
    } catch (MilvusAccessException e) {
      if (e.kind() == Kind.UNREACHABLE) {
        throw e;
      }
      return e.kind() != Kind.UNSUPPORTED;
    }
  }

  private static <T> Optional<T> unlessUnimplemented(Supplier<T> call) {
    try {
      return Optional.of(call.get());
    } catch (MilvusAccessException e) {
      if (e.kind() == Kind.UNSUPPORTED) {
        return Optional.empty();
      }
      throw e;
    }
  }
}
