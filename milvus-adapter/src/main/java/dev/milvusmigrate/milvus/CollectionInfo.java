package dev.milvusmigrate.milvus;

import dev.milvusmigrate.schemas.avro.CollectionSchema;
import dev.milvusmigrate.schemas.avro.DataType;
import dev.milvusmigrate.schemas.avro.FieldSchema;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What reads and writes need to know about a collection: its primary key, whether it has
 * {@code $meta}, and the fields a function computes (never written).
 */
record CollectionInfo(String primaryKeyField, boolean varcharKey, boolean dynamicField, Set<String> functionOutputs) {

  static CollectionInfo of(CollectionSchema schema) {
    FieldSchema pk = schema.getFields().stream().filter(FieldSchema::getIsPrimaryKey).findFirst()
        .orElseThrow(() -> new IllegalStateException("collection " + schema.getCollection() + " has no primary key"));
    Set<String> outputs = schema.getFields().stream().filter(FieldSchema::getIsFunctionOutput)
        .map(FieldSchema::getName).collect(Collectors.toUnmodifiableSet());
    return new CollectionInfo(pk.getName(), pk.getDataType() == DataType.VARCHAR, schema.getEnableDynamicField(), outputs);
  }
}
