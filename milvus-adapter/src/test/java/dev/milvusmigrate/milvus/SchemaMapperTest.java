package dev.milvusmigrate.milvus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.milvusmigrate.schemas.avro.CollectionSchema;
import dev.milvusmigrate.schemas.avro.ConsistencyLevel;
import dev.milvusmigrate.schemas.avro.DataType;
import dev.milvusmigrate.schemas.avro.FieldSchema;
import dev.milvusmigrate.schemas.avro.FunctionSchema;
import dev.milvusmigrate.schemas.avro.FunctionType;
import io.milvus.grpc.CreateCollectionRequest;
import io.milvus.grpc.DescribeCollectionResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SchemaMapperTest {

  @Test
  void everyTypeAndAttributeSurvivesAvroToProtoToAvro() {
    CollectionSchema schema = fullSchema();
    CreateCollectionRequest request = SchemaMapper.toCreateRequest("db1", schema);
    DescribeCollectionResponse described = DescribeCollectionResponse.newBuilder()
        .setSchema(SchemaMapper.toProto(schema))
        .setShardsNum(request.getShardsNum())
        .setConsistencyLevel(request.getConsistencyLevel())
        .addAllProperties(request.getPropertiesList())
        .setNumPartitions(request.getNumPartitions())
        .setCollectionID(4242)
        .setCreatedTimestamp(99)
        .build();

    CollectionSchema back = SchemaMapper.fromDescription("db1", described, List.of("_default_0", "_default_1"));

    assertThat(back).isEqualTo(schema);
  }

  @Test
  void createRequestLeavesOutTheDynamicFieldAndFieldIds() throws Exception {
    CreateCollectionRequest request = SchemaMapper.toCreateRequest("target", fullSchema());
    io.milvus.grpc.CollectionSchema sent = io.milvus.grpc.CollectionSchema.parseFrom(request.getSchema());

    assertThat(request.getDbName()).isEqualTo("target");
    assertThat(request.getCollectionName()).isEqualTo("everything");
    assertThat(request.getShardsNum()).isEqualTo(3);
    assertThat(request.getNumPartitions()).isEqualTo(2);
    assertThat(request.getConsistencyLevel()).isEqualTo(io.milvus.grpc.ConsistencyLevel.Session);
    assertThat(sent.getFieldsList()).extracting(io.milvus.grpc.FieldSchema::getName).doesNotContain("$meta");
    assertThat(sent.getFieldsList()).allMatch(field -> field.getFieldID() == 0);
    assertThat(sent.getEnableDynamicField()).isTrue();
  }

  @Test
  void systemFieldsOfOlderServersAreDropped() {
    io.milvus.grpc.CollectionSchema proto = io.milvus.grpc.CollectionSchema.newBuilder().setName("c")
        .addFields(io.milvus.grpc.FieldSchema.newBuilder().setFieldID(0).setName("RowID").setDataType(io.milvus.grpc.DataType.Int64))
        .addFields(io.milvus.grpc.FieldSchema.newBuilder().setFieldID(1).setName("Timestamp").setDataType(io.milvus.grpc.DataType.Int64))
        .addFields(io.milvus.grpc.FieldSchema.newBuilder().setFieldID(100).setName("id").setIsPrimaryKey(true)
            .setDataType(io.milvus.grpc.DataType.Int64))
        .build();

    CollectionSchema schema = SchemaMapper.fromDescription("db", DescribeCollectionResponse.newBuilder()
        .setSchema(proto).build(), List.of("_default"));

    assertThat(schema.getFields()).extracting(FieldSchema::getName).containsExactly("id");
    assertThat(schema.getPartitions()).containsExactly("_default");
    assertThat(schema.getNumPartitions()).isNull();
  }

  static CollectionSchema fullSchema() {
    List<FieldSchema> fields = new ArrayList<>();
    fields.add(field(100, "id", DataType.INT64).setIsPrimaryKey(true).setAutoId(true).build());
    long id = 101;
    for (DataType type : List.of(DataType.BOOL, DataType.INT8, DataType.INT16, DataType.INT32, DataType.FLOAT,
        DataType.DOUBLE, DataType.STRING, DataType.GEOMETRY, DataType.TIMESTAMPTZ)) {
      fields.add(field(id++, type.name().toLowerCase(), type).setNullable(true).build());
    }
    fields.add(field(id++, "title", DataType.VARCHAR).setMaxLength(256).setDescription("d")
        .setIsPartitionKey(true).setTypeParams(Map.of("enable_analyzer", "true", "analyzer_params", "{\"type\":\"english\"}"))
        .build());
    fields.add(field(id++, "tags", DataType.ARRAY).setElementType(DataType.VARCHAR).setMaxLength(16).setMaxCapacity(8).build());
    fields.add(field(id++, "doc", DataType.JSON).setDefaultValue(ByteBuffer.wrap("{}".getBytes(StandardCharsets.UTF_8))).build());
    fields.add(field(id++, "level", DataType.INT64).setDefaultValue(7L).setIsClusteringKey(true).build());
    fields.add(field(id++, "small_default", DataType.INT16).setDefaultValue(3).build());
    fields.add(field(id++, "flag_default", DataType.BOOL).setDefaultValue(true).build());
    fields.add(field(id++, "f_default", DataType.FLOAT).setDefaultValue(1.5f).build());
    fields.add(field(id++, "d_default", DataType.DOUBLE).setDefaultValue(2.25).build());
    fields.add(field(id++, "s_default", DataType.VARCHAR).setMaxLength(8).setDefaultValue("x").build());
    for (DataType type : List.of(DataType.FLOAT_VECTOR, DataType.BINARY_VECTOR, DataType.FLOAT16_VECTOR,
        DataType.BFLOAT16_VECTOR, DataType.INT8_VECTOR)) {
      fields.add(field(id++, type.name().toLowerCase(), type).setDim(16)
          .setTypeParams(Map.of("mmap.enabled", "true")).build());
    }
    fields.add(field(id++, "sparse", DataType.SPARSE_FLOAT_VECTOR).setIsFunctionOutput(true).build());
    fields.add(field(id, "$meta", DataType.JSON).setIsDynamic(true).build());
    return CollectionSchema.newBuilder()
        .setDatabase("db1").setCollection("everything").setDescription("all of it").setFields(fields)
        .setEnableDynamicField(true)
        .setFunctions(List.of(FunctionSchema.newBuilder().setName("bm25").setDescription("text to sparse")
            .setType(FunctionType.BM25).setInputFieldNames(List.of("title")).setOutputFieldNames(List.of("sparse"))
            .setParams(Map.of("k", "v")).build()))
        .setProperties(Map.of("collection.ttl.seconds", "3600"))
        .setShardsNum(3).setConsistencyLevel(ConsistencyLevel.SESSION)
        .setPartitions(List.of()).setNumPartitions(2)
        .setSourceCollectionId(4242L).setCreatedTs(99L)
        .build();
  }

  private static FieldSchema.Builder field(long id, String name, DataType type) {
    return FieldSchema.newBuilder().setFieldId(id).setName(name).setDataType(type).setTypeParams(Map.of());
  }
}
