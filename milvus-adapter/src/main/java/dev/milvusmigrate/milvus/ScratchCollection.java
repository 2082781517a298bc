package dev.milvusmigrate.milvus;

import io.milvus.grpc.CreateCollectionRequest;
import io.milvus.grpc.DataType;
import io.milvus.grpc.DropCollectionRequest;
import io.milvus.grpc.FieldSchema;
import io.milvus.grpc.KeyValuePair;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A collection created in a server's {@code default} database to find out what the server does
 * (an INT64 key {@code id} and a 2-dimensional float vector {@code v}), under a name of its own
 * starting {@value #PREFIX}, and dropped again.
 */
final class ScratchCollection {

  static final String PREFIX = "milvus_migrate_probe_";
  static final String DEFAULT_DATABASE = "default";

  private ScratchCollection() {}

  static String newName() {
    return PREFIX + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
  }

  /** The request that creates it, to be completed (properties, consistency level) and built. */
  static CreateCollectionRequest.Builder create(String name, boolean autoId) {
    io.milvus.grpc.CollectionSchema schema = io.milvus.grpc.CollectionSchema.newBuilder().setName(name)
        .addFields(FieldSchema.newBuilder().setName("id").setDataType(DataType.Int64).setIsPrimaryKey(true)
            .setAutoID(autoId))
        .addFields(FieldSchema.newBuilder().setName("v").setDataType(DataType.FloatVector)
            .addTypeParams(KeyValuePair.newBuilder().setKey("dim").setValue("2")))
        .build();
    return CreateCollectionRequest.newBuilder().setDbName(DEFAULT_DATABASE).setCollectionName(name)
        .setSchema(schema.toByteString()).setShardsNum(1);
  }

  static void drop(GrpcCalls calls, String name) {
    calls.call("drop the scratch collection " + name, stub -> stub.dropCollection(DropCollectionRequest.newBuilder()
        .setDbName(DEFAULT_DATABASE).setCollectionName(name).build()));
  }
}
