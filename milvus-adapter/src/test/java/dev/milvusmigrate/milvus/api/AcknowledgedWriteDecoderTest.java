package dev.milvusmigrate.milvus.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.milvusmigrate.milvus.wal.WalKeys;
import dev.milvusmigrate.schemas.avro.CollectionSchema;
import dev.milvusmigrate.schemas.avro.Column;
import dev.milvusmigrate.schemas.avro.ConsistencyLevel;
import dev.milvusmigrate.schemas.avro.FieldSchema;
import dev.milvusmigrate.schemas.avro.PackedValues;
import io.milvus.grpc.DataType;
import io.milvus.grpc.DeleteRequest;
import io.milvus.grpc.FieldData;
import io.milvus.grpc.FloatArray;
import io.milvus.grpc.IDs;
import io.milvus.grpc.InsertRequest;
import io.milvus.grpc.LongArray;
import io.milvus.grpc.MutationResult;
import io.milvus.grpc.Status;
import io.milvus.grpc.UpsertRequest;
import io.milvus.grpc.VectorField;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Writes as pymilvus and the SDKs send them, answered as Milvus 2.3.5 and Milvus Lite answer. */
class AcknowledgedWriteDecoderTest {

  private final AcknowledgedWriteDecoder decoder = new AcknowledgedWriteDecoder();

  @Test
  void anAutoIdInsertTakesItsKeysAndTimestampFromTheResponseAndItsDatabaseFromTheHeader() {
    InsertRequest request = InsertRequest.newBuilder().setCollectionName("items").setPartitionName("p1")
        .setNumRows(2).addFieldsData(vectors(2)).build();

    AcknowledgedWrite write = decoder.decode(AcknowledgedWriteDecoder.INSERT, "shop", request.toByteArray(),
        success().setIDs(ints(11, 12)).setInsertCnt(2).setTimestamp(77).build().toByteArray()).orElseThrow();

    assertThat(write).isInstanceOfSatisfying(AcknowledgedInsert.class, insert -> {
      assertThat(insert.database()).isEqualTo("shop");
      assertThat(insert.collection()).isEqualTo("items");
      assertThat(insert.partition()).isEqualTo("p1");
      assertThat(insert.upsert()).isFalse();
      assertThat(insert.keys()).isEqualTo(new WalKeys.Int64(List.of(11L, 12L)));
      assertThat(insert.timestamp()).isEqualTo(77);
      List<Column> columns = insert.columns().read(schema(true));
      assertThat(columns).extracting(Column::getFieldName).containsExactly("id", "vector");
      ByteBuffer keys = ((PackedValues) columns.get(0).getValues()).getData().order(ByteOrder.LITTLE_ENDIAN);
      assertThat(List.of(keys.getLong(0), keys.getLong(8))).containsExactly(11L, 12L);
    });
  }

  @Test
  void anUpsertKeepsTheRequestsKeyColumnAndTheRequestsDatabase() {
    UpsertRequest request = UpsertRequest.newBuilder().setDbName("crm").setCollectionName("items").setNumRows(2)
        .addFieldsData(FieldData.newBuilder().setFieldName("id").setType(DataType.Int64).setScalars(
            io.milvus.grpc.ScalarField.newBuilder().setLongData(LongArray.newBuilder().addData(5).addData(6))))
        .addFieldsData(vectors(2)).build();

    AcknowledgedInsert upsert = (AcknowledgedInsert) decoder.decode(AcknowledgedWriteDecoder.UPSERT, "shop",
        request.toByteArray(), success().setIDs(ints(5, 6)).setUpsertCnt(2).build().toByteArray()).orElseThrow();

    assertThat(upsert.upsert()).isTrue();
    assertThat(upsert.database()).isEqualTo("crm");
    assertThat(upsert.timestamp()).isZero();
    assertThat(upsert.columns().read(schema(false))).extracting(Column::getFieldName).containsExactly("id", "vector");
  }

  @Test
  void aDeleteByFilterKeepsTheFilterAndTheKeysOnlyWhereTheSourceReturnsThem() {
    DeleteRequest request = DeleteRequest.newBuilder().setCollectionName("items").setExpr("n > 600").build();

    AcknowledgedDelete asMilvus235 = (AcknowledgedDelete) decoder.decode(AcknowledgedWriteDecoder.DELETE, null,
        request.toByteArray(), success().setDeleteCnt(3).setTimestamp(0).build().toByteArray()).orElseThrow();
    AcknowledgedDelete asLite = (AcknowledgedDelete) decoder.decode(AcknowledgedWriteDecoder.DELETE, null,
        request.toByteArray(), success().setDeleteCnt(2).setIDs(ints(90, 91)).build().toByteArray()).orElseThrow();

    assertThat(asMilvus235.database()).isEqualTo("default");
    assertThat(asMilvus235.filter()).isEqualTo("n > 600");
    assertThat(asMilvus235.keys()).isEmpty();
    assertThat(asMilvus235.deleted()).isEqualTo(3);
    assertThat(asLite.keys()).contains(new WalKeys.Int64(List.of(90L, 91L)));
  }

  /** What the Java SDK's delete by ids got from Milvus 2.3.5 through the proxy: an empty id list. */
  @Test
  void anEmptyKeyListNamesNoKeys() {
    DeleteRequest request = DeleteRequest.newBuilder().setCollectionName("items").setExpr("id in [4]").build();

    AcknowledgedDelete answered = (AcknowledgedDelete) decoder.decode(AcknowledgedWriteDecoder.DELETE, null,
        request.toByteArray(), success().setDeleteCnt(1).setIDs(ints()).build().toByteArray()).orElseThrow();

    assertThat(answered.keys()).isEmpty();
  }

  @Test
  void aRefusedWriteAndOtherMethodsChangeNothing() {
    byte[] refused = MutationResult.newBuilder().setStatus(Status.newBuilder().setCode(100)
        .setReason("collection not found")).build().toByteArray();

    assertThat(decoder.decode(AcknowledgedWriteDecoder.INSERT, null, new byte[0], refused)).isEmpty();
    assertThat(decoder.refused(AcknowledgedWriteDecoder.INSERT, refused)).isTrue();
    assertThat(decoder.refused(AcknowledgedWriteDecoder.DELETE, success().setDeleteCnt(0).build().toByteArray()))
        .isFalse();
    assertThat(decoder.decode("milvus.proto.milvus.MilvusService/Query", null, new byte[] {1}, new byte[] {2}))
        .isEqualTo(Optional.empty());
    assertThat(AcknowledgedWriteDecoder.isWrite("milvus.proto.milvus.MilvusService/Search")).isFalse();
    assertThat(AcknowledgedWriteDecoder.isWrite(AcknowledgedWriteDecoder.DELETE)).isTrue();
  }

  @Test
  void bytesThatAreNoMilvusMessageAndKeysThatDoNotMatchTheRowsAreUnreadable() {
    byte[] twoRows = InsertRequest.newBuilder().setCollectionName("items").setNumRows(2).addFieldsData(vectors(2))
        .build().toByteArray();

    assertThatThrownBy(() -> decoder.decode(AcknowledgedWriteDecoder.INSERT, null, new byte[] {1}, new byte[] {-1}))
        .isInstanceOf(UnreadableWrite.class).hasMessageContaining("response of a call of " + AcknowledgedWriteDecoder.INSERT);
    assertThatThrownBy(() -> decoder.decode(AcknowledgedWriteDecoder.INSERT, null, twoRows,
        success().setIDs(ints(1)).build().toByteArray()))
        .isInstanceOf(UnreadableWrite.class).hasMessage("The source returned 1 primary keys for 2 rows written into items.");
  }

  private static MutationResult.Builder success() {
    return MutationResult.newBuilder().setStatus(Status.newBuilder().setCode(0));
  }

  private static IDs ints(long... keys) {
    LongArray.Builder values = LongArray.newBuilder();
    for (long key : keys) {
      values.addData(key);
    }
    return IDs.newBuilder().setIntId(values).build();
  }

  private static FieldData vectors(int rows) {
    FloatArray.Builder values = FloatArray.newBuilder();
    for (int i = 0; i < rows * 2; i++) {
      values.addData(i / 10f);
    }
    return FieldData.newBuilder().setFieldName("vector").setType(DataType.FloatVector)
        .setVectors(VectorField.newBuilder().setDim(2).setFloatVector(values)).build();
  }

  private static CollectionSchema schema(boolean autoId) {
    FieldSchema id = FieldSchema.newBuilder().setName("id").setDataType(dev.milvusmigrate.schemas.avro.DataType.INT64)
        .setIsPrimaryKey(true).setAutoId(autoId).setTypeParams(Map.of()).build();
    FieldSchema vector = FieldSchema.newBuilder().setName("vector")
        .setDataType(dev.milvusmigrate.schemas.avro.DataType.FLOAT_VECTOR).setDim(2).setTypeParams(Map.of()).build();
    return CollectionSchema.newBuilder().setDatabase("shop").setCollection("items").setFields(List.of(id, vector))
        .setEnableDynamicField(false).setFunctions(List.of()).setProperties(Map.of()).setShardsNum(1)
        .setConsistencyLevel(ConsistencyLevel.STRONG).setPartitions(List.of("_default")).build();
  }
}
