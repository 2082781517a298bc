package dev.milvusmigrate.schemas.serde;

import static dev.milvusmigrate.schemas.Samples.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.milvusmigrate.schemas.Samples;
import dev.milvusmigrate.schemas.avro.CollectionSchema;
import dev.milvusmigrate.schemas.avro.ConsistencyLevel;
import dev.milvusmigrate.schemas.avro.DataType;
import dev.milvusmigrate.schemas.avro.FieldSchema;
import dev.milvusmigrate.schemas.avro.FunctionSchema;
import dev.milvusmigrate.schemas.avro.FunctionType;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CollectionSchemaRoundTripTest {

  @Test
  void everyAttributeRoundTrips() {
    CollectionSchema schema = fullSchema();

    CollectionSchema back = AvroSerdeRoundTripTest.roundTrip(schema);

    assertThat(back).isEqualTo(schema);
    assertThat(back.getConsistencyLevel()).isEqualTo(ConsistencyLevel.CUSTOMIZED);
    assertThat(back.getNumPartitions()).isEqualTo(64);
    assertThat(back.getPartitions()).containsExactly("_default");
    assertThat(back.getProperties()).containsEntry("partitionkey.isolation", "true");
    assertThat(back.getSourceCollectionId()).isEqualTo(987_654_321L);
    FunctionSchema function = back.getFunctions().get(0);
    assertThat(function.getType()).isEqualTo(FunctionType.BM25);
    assertThat(function.getInputFieldNames()).containsExactly("text");
    assertThat(function.getOutputFieldNames()).containsExactly("text_sparse");
  }

  @Test
  void fieldFlagsAndTypeParamsRoundTrip() {
    List<FieldSchema> fields = AvroSerdeRoundTripTest.roundTrip(fullSchema()).getFields();

    FieldSchema pk = fields.get(0);
    assertThat(pk.getIsPrimaryKey()).isTrue();
    assertThat(pk.getAutoId()).isFalse();
    assertThat(pk.getMaxLength()).isEqualTo(64);
    FieldSchema tenant = field(fields, "tenant");
    assertThat(tenant.getIsPartitionKey()).isTrue();
    assertThat(tenant.getIsClusteringKey()).isFalse();
    assertThat(field(fields, "ts").getIsClusteringKey()).isTrue();
    FieldSchema text = field(fields, "text");
    assertThat(text.getTypeParams()).containsEntry("enable_analyzer", "true")
        .containsEntry("analyzer_params", "{\"type\":\"english\"}").containsEntry("mmap.enabled", "false");
    assertThat(field(fields, "text_sparse").getIsFunctionOutput()).isTrue();
    FieldSchema tags = field(fields, "tags");
    assertThat(tags.getElementType()).isEqualTo(DataType.VARCHAR);
    assertThat(tags.getMaxCapacity()).isEqualTo(16);
    assertThat(tags.getMaxLength()).isEqualTo(32);
    assertThat(tags.getNullable()).isTrue();
    assertThat(field(fields, "vec").getDim()).isEqualTo(32_768);
    assertThat(field(fields, "$meta").getIsDynamic()).isTrue();
    assertThat(field(fields, "vec").getFieldId()).isEqualTo(105L);
  }

  static Stream<Arguments> everyDefaultKind() {
    return Stream.of(
        Arguments.of(DataType.BOOL, true, Boolean.class),
        Arguments.of(DataType.INT8, -128, Integer.class),
        Arguments.of(DataType.INT16, -32_768, Integer.class),
        Arguments.of(DataType.INT32, Integer.MAX_VALUE, Integer.class),
        Arguments.of(DataType.INT64, Long.MIN_VALUE, Long.class),
        Arguments.of(DataType.FLOAT, 0.1f, Float.class),
        Arguments.of(DataType.DOUBLE, 0.1d, Double.class),
        Arguments.of(DataType.VARCHAR, "défaut 🚀", String.class),
        Arguments.of(DataType.GEOMETRY, "POINT (1 2)", String.class),
        Arguments.of(DataType.TIMESTAMPTZ, "2025-05-01T23:59:59+08:00", String.class));
  }

  @ParameterizedTest(name = "{0} default {1}")
  @MethodSource("everyDefaultKind")
  void scalarDefaultKeepsItsExactTypeAndValue(DataType type, Object value, Class<?> javaType) {
    FieldSchema field = FieldSchema.newBuilder().setName("f").setDataType(type).setNullable(true).setDefaultValue(value).build();

    Object back = roundTripField(field).getDefaultValue();

    assertThat(back).isInstanceOf(javaType).isEqualTo(value);
  }

  @Test
  void jsonDefaultTravelsAsUtf8Bytes() {
    FieldSchema field = FieldSchema.newBuilder().setName("j").setDataType(DataType.JSON)
        .setDefaultValue(utf8("{\"k\":[1,\"ü\"]}")).build();

    Object back = roundTripField(field).getDefaultValue();

    assertThat(back).isInstanceOf(ByteBuffer.class);
    assertThat(utf8((ByteBuffer) back)).isEqualTo("{\"k\":[1,\"ü\"]}");
  }

  @Test
  void absentDefaultStaysNull() {
    assertThat(roundTripField(Samples.primaryKeyField()).getDefaultValue()).isNull();
  }

  private static FieldSchema roundTripField(FieldSchema field) {
    CollectionSchema schema = CollectionSchema.newBuilder().setDatabase("d").setCollection("c")
        .setFields(List.of(Samples.primaryKeyField(), field)).build();
    return AvroSerdeRoundTripTest.roundTrip(schema).getFields().get(1);
  }

  private static FieldSchema field(List<FieldSchema> fields, String name) {
    return fields.stream().filter(f -> f.getName().equals(name)).findFirst().orElseThrow();
  }

  private static CollectionSchema fullSchema() {
    return CollectionSchema.newBuilder().setDatabase("analytics").setCollection("articles")
        .setDescription("every attribute set").setEnableDynamicField(true)
        .setFields(List.of(
            FieldSchema.newBuilder().setFieldId(100L).setName("pk").setDescription("key").setDataType(DataType.VARCHAR)
                .setMaxLength(64).setIsPrimaryKey(true).setAutoId(false).build(),
            FieldSchema.newBuilder().setFieldId(101L).setName("tenant").setDataType(DataType.INT64).setIsPartitionKey(true).build(),
            FieldSchema.newBuilder().setFieldId(102L).setName("ts").setDataType(DataType.INT64).setIsClusteringKey(true).build(),
            FieldSchema.newBuilder().setFieldId(103L).setName("text").setDataType(DataType.VARCHAR).setMaxLength(65_535)
                .setTypeParams(Map.of("enable_analyzer", "true", "analyzer_params", "{\"type\":\"english\"}",
                    "mmap.enabled", "false")).build(),
            FieldSchema.newBuilder().setFieldId(104L).setName("text_sparse").setDataType(DataType.SPARSE_FLOAT_VECTOR)
                .setIsFunctionOutput(true).build(),
            FieldSchema.newBuilder().setFieldId(105L).setName("vec").setDataType(DataType.FLOAT_VECTOR).setDim(32_768).build(),
            FieldSchema.newBuilder().setFieldId(106L).setName("tags").setDataType(DataType.ARRAY).setElementType(DataType.VARCHAR)
                .setMaxCapacity(16).setMaxLength(32).setNullable(true).build(),
            FieldSchema.newBuilder().setFieldId(107L).setName("$meta").setDataType(DataType.JSON).setIsDynamic(true).build()))
        .setFunctions(List.of(FunctionSchema.newBuilder().setName("bm25").setType(FunctionType.BM25)
            .setInputFieldNames(List.of("text")).setOutputFieldNames(List.of("text_sparse")).build()))
        .setProperties(Map.of("partitionkey.isolation", "true", "collection.ttl.seconds", "86400"))
        .setShardsNum(4).setConsistencyLevel(ConsistencyLevel.CUSTOMIZED)
        .setPartitions(List.of("_default")).setNumPartitions(64)
        .setSourceCollectionId(987_654_321L).setCreatedTs(Samples.TSO)
        .build();
  }
}
