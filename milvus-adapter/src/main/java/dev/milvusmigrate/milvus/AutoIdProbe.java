package dev.milvusmigrate.milvus;

import io.milvus.grpc.CreateCollectionRequest;
import io.milvus.grpc.DataType;
import io.milvus.grpc.FieldData;
import io.milvus.grpc.FloatArray;
import io.milvus.grpc.InsertRequest;
import io.milvus.grpc.KeyValuePair;
import io.milvus.grpc.LongArray;
import io.milvus.grpc.MutationResult;
import io.milvus.grpc.ScalarField;
import io.milvus.grpc.VectorField;
import java.util.List;

/**
 * Finds out, by trying, whether a server keeps the primary keys inserted into an auto-id
 * collection that has {@code allow_insert_auto_id=true}: creates a {@link ScratchCollection} with
 * that property, inserts key {@value #KEY} and reads the key the server reports back,
 * then drops the collection. The answer comes from the server's behaviour, not its version string
 * (Milvus Lite 3.2.2 keeps the key; Milvus 2.3.5 refuses a key for an auto-id field).
 */
final class AutoIdProbe {

  private static final long KEY = 42;
  private static final String DEFAULT_DATABASE = ScratchCollection.DEFAULT_DATABASE;

  private AutoIdProbe() {}

  /**
   * A server where the probe cannot run (no right to create a collection in {@code default}) is
   * taken not to keep keys: auto_id is then turned off, which keeps every key too.
   */
  static boolean keepsInsertedKeys(GrpcCalls calls) {
    String name = ScratchCollection.newName();
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
      ScratchCollection.drop(calls, name);
    }
  }

  private static boolean rethrowIfUnreachable(MilvusAccessException e) {
    if (e.kind() == MilvusAccessException.Kind.UNREACHABLE) {
      throw e;
    }
    return false;
  }

  private static CreateCollectionRequest createRequest(String name) {
    return ScratchCollection.create(name, true)
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
