package dev.milvusmigrate.milvus.wal;

import com.google.protobuf.ByteString;
import dev.milvusmigrate.schemas.avro.CollectionSchema;
import dev.milvusmigrate.schemas.avro.FieldSchema;
import io.milvus.grpc.DataType;
import io.milvus.grpc.FieldData;
import io.milvus.grpc.FloatArray;
import io.milvus.grpc.IDs;
import io.milvus.grpc.JSONArray;
import io.milvus.grpc.LongArray;
import io.milvus.grpc.MsgBase;
import io.milvus.grpc.MsgType;
import io.milvus.grpc.ScalarField;
import io.milvus.grpc.StringArray;
import io.milvus.grpc.VectorField;
import java.util.List;
import milvus.proto.msg.Msg;

/** Milvus 2.3 DML channel messages built in code, shaped like the ones MilvusKafkaWalIT reads. */
final class WalMessages {

  static final String TOPIC = "by-dev-rootcoord-dml_3";
  static final String SHARD = "by-dev-rootcoord-dml_3_4242v0";
  static final long COLLECTION_ID = 4242L;
  /** Hybrid timestamps: physical milliseconds above 18 logical bits. */
  static final long TS_1 = (1_763_700_000_000L << 18) | 1;
  static final long TS_2 = (1_763_700_000_000L << 18) | 2;

  /** The schema of the collection {@link #insert()} writes to, as the source describes it. */
  static final CollectionSchema BOOKS = CollectionSchema.newBuilder().setDatabase("library").setCollection("books")
      .setSourceCollectionId(COLLECTION_ID).setFields(List.of(
          field("id", dev.milvusmigrate.schemas.avro.DataType.INT64).setIsPrimaryKey(true).build(),
          field("title", dev.milvusmigrate.schemas.avro.DataType.VARCHAR).setMaxLength(32).build(),
          field("embedding", dev.milvusmigrate.schemas.avro.DataType.FLOAT_VECTOR).setDim(2).build(),
          field("info", dev.milvusmigrate.schemas.avro.DataType.JSON).build()))
      .build();

  private WalMessages() {}

  private static FieldSchema.Builder field(String name, dev.milvusmigrate.schemas.avro.DataType type) {
    return FieldSchema.newBuilder().setName(name).setDataType(type);
  }

  /** Two rows (id 7 and 8) with INT64, VARCHAR, FLOAT_VECTOR(2) and JSON columns, at TS_1 and TS_2. */
  static Msg.InsertRequest.Builder insert() {
    return Msg.InsertRequest.newBuilder()
        .setBase(base(MsgType.Insert, TS_2))
        .setCollectionName("books").setCollectionID(COLLECTION_ID).setPartitionName("_default")
        .setShardName(SHARD).setNumRows(2).addAllRowIDs(List.of(1L, 2L)).addAllTimestamps(List.of(TS_1, TS_2))
        .setVersion(Msg.InsertDataVersion.ColumnBased)
        .addFieldsData(scalar("id", DataType.Int64, ScalarField.newBuilder()
            .setLongData(LongArray.newBuilder().addAllData(List.of(7L, 8L)))))
        .addFieldsData(scalar("title", DataType.VarChar, ScalarField.newBuilder()
            .setStringData(StringArray.newBuilder().addAllData(List.of("seven", "eight")))))
        .addFieldsData(FieldData.newBuilder().setFieldName("embedding").setType(DataType.FloatVector)
            .setVectors(VectorField.newBuilder().setDim(2)
                .setFloatVector(FloatArray.newBuilder().addAllData(List.of(0.5f, 1.5f, 2.5f, 3.5f)))))
        .addFieldsData(scalar("info", DataType.JSON, ScalarField.newBuilder().setJsonData(JSONArray.newBuilder()
            .addData(ByteString.copyFromUtf8("{\"n\":7}")).addData(ByteString.copyFromUtf8("{\"n\":8}")))));
  }

  static Msg.DeleteRequest deleteInt64(List<Long> keys, List<Long> timestamps) {
    return delete(IDs.newBuilder().setIntId(LongArray.newBuilder().addAllData(keys)).build(), timestamps);
  }

  static Msg.DeleteRequest deleteVarchar(List<String> keys, List<Long> timestamps) {
    return delete(IDs.newBuilder().setStrId(StringArray.newBuilder().addAllData(keys)).build(), timestamps);
  }

  static Msg.DeleteRequest delete(IDs keys, List<Long> timestamps) {
    return Msg.DeleteRequest.newBuilder()
        .setBase(base(MsgType.Delete, timestamps.isEmpty() ? 0 : timestamps.get(0)))
        .setCollectionName("books").setCollectionID(COLLECTION_ID).setPartitionName("_default")
        .setShardName(SHARD).setPrimaryKeys(keys).setNumRows(timestamps.size()).addAllTimestamps(timestamps)
        .build();
  }

  static Msg.TimeTickMsg timeTick(long timestamp) {
    return Msg.TimeTickMsg.newBuilder().setBase(base(MsgType.TimeTick, timestamp)).build();
  }

  static MsgBase base(MsgType type, long timestamp) {
    return MsgBase.newBuilder().setMsgType(type).setTimestamp(timestamp).setSourceID(1).build();
  }

  private static FieldData scalar(String name, DataType type, ScalarField.Builder values) {
    return FieldData.newBuilder().setFieldName(name).setType(type).setScalars(values).build();
  }
}
