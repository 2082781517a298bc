package dev.milvusmigrate.milvus;

import dev.milvusmigrate.core.domain.CollectionName;
import dev.milvusmigrate.schemas.avro.CollectionSchema;
import dev.milvusmigrate.schemas.avro.DataType;

/** A logged write that contradicts its collection's schema; the message names collection, field and difference. */
final class SchemaMismatch extends IllegalArgumentException {

  SchemaMismatch(CollectionSchema schema, String difference) {
    super("The logged insert into " + new CollectionName(schema.getDatabase(), schema.getCollection())
        + " does not match the collection's schema: " + difference + ".");
  }

  /** A type as users write it, e.g. {@code ARRAY<VARCHAR>}. */
  static String typeName(DataType type, DataType elementType) {
    return type == DataType.ARRAY ? "ARRAY<" + elementType + ">" : type.name();
  }
}
