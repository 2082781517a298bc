package dev.milvusmigrate.verification;

import dev.milvusmigrate.schemas.avro.CollectionSchema;
import dev.milvusmigrate.schemas.avro.DataType;
import dev.milvusmigrate.schemas.avro.FieldSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** Small collection schemas for unit tests. */
public final class TestSchemas {

  private TestSchemas() {}

  public static FieldSchema.Builder field(String name, DataType type) {
    return FieldSchema.newBuilder().setName(name).setDataType(type);
  }

  /** id INT64 primary key, title VARCHAR(256), embedding FLOAT_VECTOR(8), partitions _default and p1. */
  public static CollectionSchema books(String database) {
    List<FieldSchema> fields = new ArrayList<>(List.of(
        field("id", DataType.INT64).setIsPrimaryKey(true).setFieldId(100L).build(),
        field("title", DataType.VARCHAR).setMaxLength(256).setFieldId(101L).build(),
        field("embedding", DataType.FLOAT_VECTOR).setDim(8).setFieldId(102L).build()));
    return CollectionSchema.newBuilder().setDatabase(database).setCollection("books").setFields(fields)
        .setPartitions(new ArrayList<>(List.of("_default", "p1"))).setProperties(Map.of())
        .setSourceCollectionId(7L).setCreatedTs(1L << 20).build();
  }

  public static CollectionSchema withField(CollectionSchema schema, String name, UnaryOperator<FieldSchema.Builder> change) {
    CollectionSchema copy = CollectionSchema.newBuilder(schema).build();
    copy.setFields(schema.getFields().stream()
        .map(f -> f.getName().equals(name) ? change.apply(FieldSchema.newBuilder(f)).build() : f).toList());
    return copy;
  }
}
