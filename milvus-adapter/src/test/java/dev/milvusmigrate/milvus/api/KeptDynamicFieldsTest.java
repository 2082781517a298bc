package dev.milvusmigrate.milvus.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import dev.milvusmigrate.schemas.avro.CollectionSchema;
import dev.milvusmigrate.schemas.avro.Column;
import dev.milvusmigrate.schemas.avro.ConsistencyLevel;
import dev.milvusmigrate.schemas.avro.FieldSchema;
import dev.milvusmigrate.schemas.avro.RowBytesValues;
import io.milvus.grpc.DataType;
import io.milvus.grpc.FieldData;
import io.milvus.grpc.IDs;
import io.milvus.grpc.InsertRequest;
import io.milvus.grpc.JSONArray;
import io.milvus.grpc.LongArray;
import io.milvus.grpc.MutationResult;
import io.milvus.grpc.QueryRequest;
import io.milvus.grpc.QueryResults;
import io.milvus.grpc.ScalarField;
import io.milvus.grpc.Status;
import io.milvus.grpc.UpsertRequest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An upsert as the pymilvus ORM sends column data (no {@code $meta} column), answered as Milvus
 * Lite 3.2.2 answers: the record takes the dynamic fields the source kept, not none.
 */
class KeptDynamicFieldsTest {

  private final AcknowledgedWriteDecoder decoder = new AcknowledgedWriteDecoder();

  @Test
  void anUpsertWithoutDynamicFieldsIsRecordedWithThoseTheSourceHoldsRowByRow() throws Exception {
    AcknowledgedInsert upsert = upsert(false, 5, 6, 7);

    List<byte[]> queries = KeptDynamicFields.queries(upsert, schema(true), 16_384);

    assertThat(queries).hasSize(1);
    QueryRequest query = QueryRequest.parseFrom(queries.get(0));
    assertThat(query.getDbName()).isEqualTo("shop");
    assertThat(query.getCollectionName()).isEqualTo("items");
    assertThat(query.getExpr()).isEqualTo("id in [5, 6, 7]");
    assertThat(query.getOutputFieldsList()).containsExactly("id", "$meta");
    assertThat(query.getConsistencyLevel()).isEqualTo(io.milvus.grpc.ConsistencyLevel.Strong);
    AcknowledgedInsert read = KeptDynamicFields.read(upsert, schema(true),
        List.of(answer(List.of(7L, 5L, 6L), "{\"color\": \"red\"}", "{}", "{\"rank\": 3}")));
    List<Column> columns = read.columns().read(schema(true));
    assertThat(columns).extracting(Column::getFieldName).containsExactly("id", "n", "$meta");
    assertThat(((RowBytesValues) columns.get(2).getValues()).getRows()).extracting(KeptDynamicFieldsTest::text)
        .containsExactly("{}", "{\"rank\": 3}", "{\"color\": \"red\"}");
    assertThat(read.keys()).isEqualTo(upsert.keys());
    assertThat(read.upsert()).isTrue();
  }

  @Test
  void withoutTheReadBackTheRecordWouldSayTheEntitiesHaveNoDynamicFields() {
    List<Column> columns = upsert(false, 5).columns().read(schema(true));

    assertThat(((RowBytesValues) columns.get(2).getValues()).getRows()).extracting(KeptDynamicFieldsTest::text)
        .containsExactly("{}");
  }

  @Test
  void manyKeysAreReadBackInQueriesOfAtMostTheWindow() throws Exception {
    List<byte[]> queries = KeptDynamicFields.queries(upsert(false, 1, 2, 3), schema(true), 2);

    assertThat(queries).hasSize(2);
    assertThat(QueryRequest.parseFrom(queries.get(1)).getExpr()).isEqualTo("id in [3]");
  }

  @Test
  void nothingIsReadBackForAnUpsertWithDynamicFieldsAnInsertOrACollectionWithoutThem() {
    assertThat(KeptDynamicFields.queries(upsert(true, 5), schema(true), 16_384)).isEmpty();
    assertThat(KeptDynamicFields.queries(upsert(false, 5), schema(false), 16_384)).isEmpty();
    InsertRequest insert = InsertRequest.newBuilder().setCollectionName("items").setNumRows(1)
        .addFieldsData(ints("id", 5)).addFieldsData(ints("n", 1)).build();
    AcknowledgedInsert inserted = (AcknowledgedInsert) decoder.decode(AcknowledgedWriteDecoder.INSERT, "shop",
        insert.toByteArray(), success(5).build().toByteArray()).orElseThrow();
    assertThat(KeptDynamicFields.queries(inserted, schema(true), 16_384)).isEmpty();
  }

  @Test
  void aKeyTheSourceDoesNotFindRightAfterItsUpsertCannotBeRecorded() {
    AcknowledgedInsert upsert = upsert(false, 5, 6);

    assertThatThrownBy(() -> KeptDynamicFields.read(upsert, schema(true), List.of(answer(List.of(5L), "{}"))))
        .isInstanceOf(UnreadableWrite.class)
        .hasMessage("The source acknowledged the upsert of key 6 into items but does not find it right after.");
  }

  @Test
  void stringKeysAreQuotedWithTheirQuotesEscaped() {
    assertThat(KeptDynamicFields.literal(List.of("a", "say \"hi\"", "back\\slash")))
        .isEqualTo("[\"a\", \"say \\\"hi\\\"\", \"back\\\\slash\"]");
  }

  private AcknowledgedInsert upsert(boolean withDynamicFields, long... keys) {
    long[] ones = new long[keys.length];
    Arrays.fill(ones, 1);
    UpsertRequest.Builder request = UpsertRequest.newBuilder().setCollectionName("items").setNumRows(keys.length)
        .addFieldsData(ints("id", keys)).addFieldsData(ints("n", ones));
    if (withDynamicFields) {
      request.addFieldsData(FieldData.newBuilder().setFieldName("$meta").setType(DataType.JSON).setIsDynamic(true)
          .setScalars(ScalarField.newBuilder().setJsonData(JSONArray.newBuilder()
              .addAllData(Arrays.stream(keys).mapToObj(k -> ByteString.copyFromUtf8("{}")).toList()))));
    }
    return (AcknowledgedInsert) decoder.decode(AcknowledgedWriteDecoder.UPSERT, "shop", request.build().toByteArray(),
        success(keys).build().toByteArray()).orElseThrow();
  }

  private static byte[] answer(List<Long> keys, String... dynamicFields) {
    return QueryResults.newBuilder().setStatus(Status.newBuilder())
        .addFieldsData(ints("id", keys.stream().mapToLong(Long::longValue).toArray()))
        .addFieldsData(FieldData.newBuilder().setFieldName("$meta").setType(DataType.JSON).setIsDynamic(true)
            .setScalars(ScalarField.newBuilder().setJsonData(JSONArray.newBuilder()
                .addAllData(Arrays.stream(dynamicFields).map(ByteString::copyFromUtf8).toList()))))
        .build().toByteArray();
  }

  private static FieldData ints(String name, long... values) {
    return FieldData.newBuilder().setFieldName(name).setType(DataType.Int64).setScalars(ScalarField.newBuilder()
        .setLongData(LongArray.newBuilder().addAllData(Arrays.stream(values).boxed().toList()))).build();
  }

  private static MutationResult.Builder success(long... keys) {
    return MutationResult.newBuilder().setStatus(Status.newBuilder())
        .setIDs(IDs.newBuilder().setIntId(LongArray.newBuilder().addAllData(Arrays.stream(keys).boxed().toList())));
  }

  private static String text(ByteBuffer bytes) {
    return StandardCharsets.UTF_8.decode(bytes.duplicate()).toString();
  }

  private static CollectionSchema schema(boolean dynamic) {
    FieldSchema id = FieldSchema.newBuilder().setName("id").setDataType(dev.milvusmigrate.schemas.avro.DataType.INT64)
        .setIsPrimaryKey(true).setTypeParams(Map.of()).build();
    FieldSchema n = FieldSchema.newBuilder().setName("n").setDataType(dev.milvusmigrate.schemas.avro.DataType.INT64)
        .setTypeParams(Map.of()).build();
    return CollectionSchema.newBuilder().setDatabase("shop").setCollection("items").setFields(List.of(id, n))
        .setEnableDynamicField(dynamic).setFunctions(List.of()).setProperties(Map.of()).setShardsNum(1)
        .setConsistencyLevel(ConsistencyLevel.STRONG).setPartitions(List.of("_default")).build();
  }
}
