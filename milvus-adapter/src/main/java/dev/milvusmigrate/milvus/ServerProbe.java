package dev.milvusmigrate.milvus;

import io.milvus.grpc.AllocTimestampRequest;
import io.milvus.grpc.AllocTimestampResponse;
import io.milvus.grpc.GetVersionRequest;
import io.milvus.grpc.GetVersionResponse;
import io.milvus.grpc.ListDatabasesRequest;
import io.milvus.grpc.ListDatabasesResponse;

/**
 * Checks a freshly opened connection works (the server answers and accepts the credentials) and
 * finds out what the server can do.
 */
final class ServerProbe {

  private ServerProbe() {}

  static ServerInfo probe(GrpcCalls calls) {
    String version = calls.call("be reached", stub -> stub.getVersion(GetVersionRequest.getDefaultInstance()),
        GetVersionResponse::getStatus).getVersion();
    calls.call("list databases with the configured credentials",
        stub -> stub.listDatabases(ListDatabasesRequest.getDefaultInstance()), ListDatabasesResponse::getStatus);
    ServerVersion parsed = ServerVersion.parse(version);
    return new ServerInfo(version, pinnedReads(parsed), allocatesTimestamps(calls));
  }

  /**
   * Iterator reads pinned at a session timestamp need a server that returns {@code session_ts}
   * and uses a given guarantee timestamp as the MVCC timestamp of iterator queries (2.5 on). 2.3
   * and Milvus Lite read at or after the requested time (see the adapter's integration tests).
   */
  private static boolean pinnedReads(ServerVersion version) {
    return version.isMilvusAtLeast(2, 5, 0);
  }

  private static boolean allocatesTimestamps(GrpcCalls calls) {
    try {
      calls.call("allocate a timestamp", stub -> stub.allocTimestamp(AllocTimestampRequest.getDefaultInstance()),
          AllocTimestampResponse::getStatus);
      return true;
    } catch (MilvusAccessException e) {
      return false;
    }
  }
}
