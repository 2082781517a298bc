package dev.milvusmigrate.milvus;

import io.milvus.grpc.ConsistencyLevel;
import io.milvus.grpc.DescribeCollectionRequest;
import io.milvus.grpc.DescribeCollectionResponse;

/**
 * Finds out, by trying, whether a server describes a collection's consistency level as it was
 * created with: creates a {@link ScratchCollection} with level Bounded, describes it and drops it.
 * The answer comes from the server's behaviour, not its name (Milvus Lite 3.2.2 answers Strong
 * whatever a collection was created with; Milvus 2.3.5 answers Bounded).
 */
final class ConsistencyLevelProbe {

  private ConsistencyLevelProbe() {}

  /**
   * A server where the probe cannot run (no right to create a collection in {@code default}) is
   * taken to report the level: it is then compared, so an untrue report shows as a difference.
   */
  static boolean reportsLevel(GrpcCalls calls) {
    String name = ScratchCollection.newName();
    try {
      calls.call("create a scratch collection to find out whether it reports consistency levels",
          stub -> stub.createCollection(ScratchCollection.create(name, false)
              .setConsistencyLevel(ConsistencyLevel.Bounded).build()));
    } catch (MilvusAccessException e) {
      if (e.kind() == MilvusAccessException.Kind.UNREACHABLE) {
        throw e;
      }
      return true;
    }
    try {
      DescribeCollectionResponse described = calls.call("describe the scratch collection " + name,
          stub -> stub.describeCollection(DescribeCollectionRequest.newBuilder()
              .setDbName(ScratchCollection.DEFAULT_DATABASE).setCollectionName(name).build()),
          DescribeCollectionResponse::getStatus);
      return described.getConsistencyLevel() == ConsistencyLevel.Bounded;
    } finally {
      ScratchCollection.drop(calls, name);
    }
  }
}
