package dev.milvusmigrate.milvus;

import io.milvus.grpc.CreateCollectionRequest;
import io.milvus.grpc.DataType;
import io.milvus.grpc.DropCollectionRequest;
import io.milvus.grpc.FieldData;
import io.milvus.grpc.FieldSchema;
import io.milvus.grpc.FloatArray;
import io.milvus.grpc.InsertRequest;
import io.milvus.grpc.KeyValuePair;
import io.milvus.grpc.LongArray;
import io.milvus.grpc.MutationResult;
import io.milvus.grpc.ScalarField;
import io.milvus.grpc.VectorField;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Finds out, by trying, whether a server keeps the primary keys inserted into an auto-id
 * collection that has {@code allow_insert_auto_id=true}: creates a scratch collection in the
 * {@code default} database, inserts key {@value #KEY} and reads the key the server reports back,
 * then drops the collection. The answer comes from the server's behaviour, not its version string
 * (Milvus Lite 3.2.2 keeps the key; Milvus 2.3.5 refuses a key for an auto-id field).
 */
final class AutoIdProbe {

  static final String PREFIX = "milvus_migrate_probe_";
  private static final long KEY = 42;
  private static final String DEFAULT_DATABASE = "default";

  private AutoIdProbe() {}

  /**
   * A server where the probe cannot run (no right to create a collection in {@code default}) is
   * taken not to keep keys: auto_id is then turned off, which keeps every key too.
   */
  static boolean keepsInsertedKeys(GrpcCalls calls) {
    String name = PREFIX + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
    try {
      calls.call("create a scratch collection to find out whether it keeps keys inserted into auto-id collections",
          stub -> stub.createCollection(createRequest(name)));
    } catch (MilvusAccessException e) {
      return rethrowIfUnreachable(e);
    }
    try {
      MutationResult result = calls.callRaw("insert a key into an auto-id collection",
          stub -> stub.insert(insertRequest(name)));
      return StatusTranslator.isSuccess(result.getStatus())
          && result.getIDs().getIntId().getDataList().equals(List.of(KEY));
    } catch (MilvusAccessException e) {
      return rethrowIfUnreachable(e);
    } finally {
      calls.call("drop the scratch collection " + name, stub -> stub.dropCollection(DropCollectionRequest.newBuilder()
          .setDbName(DEFAULT_DATABASE).setCollectionName(name).build()));
    }
  }

  private static boolean rethrowIfUnreachable(MilvusAccessException e) {
    if (e.kind() == MilvusAccessException.Kind.UNREACHABLE) {
      throw e;
    }
    return false;
  }

  private static CreateCollectionRequest createRequest(String name) {
    io.milvus.grpc.CollectionSchema schema = io.milvus.grpc.CollectionSchema.newBuilder().setName(name)
        .addFields(FieldSchema.newBuilder().setName("id").setDataType(DataType.Int64).setIsPrimaryKey(true)
            .setAutoID(true))
        .addFields(FieldSchema.newBuilder().setName("v").setDataType(DataType.FloatVector)
            .addTypeParams(KeyValuePair.newBuilder().setKey("dim").setValue("2")))
        .build();
    return CreateCollectionRequest.newBuilder().setDbName(DEFAULT_DATABASE).setCollectionName(name)
        .setSchema(schema.toByteString()).setShardsNum(1)
        .addProperties(KeyValuePair.newBuilder().setKey("allow_insert_auto_id").setValue("true")).build();
  }

  private static InsertRequest insertRequest(String name) {
    FieldData id = FieldData.newBuilder().setFieldName("id").setType(DataType.Int64)
        .setScalars(ScalarField.newBuilder().setLongData(LongArray.newBuilder().addData(KEY))).build();
    FieldData vector = FieldData.newBuilder().setFieldName("v").setType(DataType.FloatVector)
        .setVectors(VectorField.newBuilder().setDim(2).setFloatVector(FloatArray.newBuilder().addData(0f).addData(0f)))
        .build();
    return InsertRequest.newBuilder().setDbName(DEFAULT_DATABASE).setCollectionName(name).addFieldsData(id)
        .addFieldsData(vector).setNumRows(1).build();
  }
}
