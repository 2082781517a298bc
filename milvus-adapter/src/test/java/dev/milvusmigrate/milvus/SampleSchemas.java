package dev.milvusmigrate.milvus;

import dev.milvusmigrate.schemas.avro.CollectionSchema;
import dev.milvusmigrate.schemas.avro.ConsistencyLevel;
import dev.milvusmigrate.schemas.avro.DataType;
import dev.milvusmigrate.schemas.avro.FieldSchema;
import java.util.List;
import java.util.Map;

/** Avro schemas for tests: fields of every kind, built with the attributes Milvus echoes back. */
final class SampleSchemas {

  static final int DIM = 8;

  private SampleSchemas() {}

  static FieldSchema.Builder field(String name, DataType type) {
    return FieldSchema.newBuilder().setName(name).setDataType(type).setTypeParams(Map.of());
  }

  static FieldSchema primaryKey(String name) {
    return field(name, DataType.INT64).setIsPrimaryKey(true).build();
  }

  static FieldSchema varcharKey(String name) {
    return field(name, DataType.VARCHAR).setIsPrimaryKey(true).setMaxLength(64).build();
  }

  static FieldSchema floatVector(String name) {
    return field(name, DataType.FLOAT_VECTOR).setDim(DIM).build();
  }

  static FieldSchema array(String name, DataType elementType) {
    FieldSchema.Builder builder = field(name, DataType.ARRAY).setElementType(elementType).setMaxCapacity(4);
    return (elementType == DataType.VARCHAR ? builder.setMaxLength(32) : builder).build();
  }

  /** Scalars every tested server stores, with a float vector. */
  static List<FieldSchema> commonFields() {
    return List.of(
        primaryKey("id"),
        field("flag", DataType.BOOL).build(),
        field("tiny", DataType.INT8).build(),
        field("small", DataType.INT16).build(),
        field("medium", DataType.INT32).build(),
        field("big", DataType.INT64).build(),
        field("ratio", DataType.FLOAT).build(),
        field("precise", DataType.DOUBLE).build(),
        field("title", DataType.VARCHAR).setMaxLength(128).setDescription("a title").build(),
        field("doc", DataType.JSON).build(),
        array("tags", DataType.VARCHAR),
        array("scores", DataType.INT64),
        array("weights", DataType.FLOAT),
        floatVector("embedding"));
  }

  static CollectionSchema collection(String database, String name, List<FieldSchema> fields, boolean dynamic) {
    return CollectionSchema.newBuilder()
        .setDatabase(database)
        .setCollection(name)
        .setDescription("test collection " + name)
        .setFields(fields)
        .setEnableDynamicField(dynamic)
        .setFunctions(List.of())
        .setProperties(Map.of())
        .setShardsNum(1)
        .setConsistencyLevel(ConsistencyLevel.STRONG)
        .setPartitions(List.of("_default"))
        .build();
  }
}
