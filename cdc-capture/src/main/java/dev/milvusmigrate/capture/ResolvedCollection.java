package dev.milvusmigrate.capture;

import dev.milvusmigrate.core.domain.CollectionName;
import dev.milvusmigrate.schemas.avro.CollectionSchema;
import dev.milvusmigrate.schemas.avro.FieldSchema;

/**
 * What the log does not say about a collection, resolved from the source's metadata by its id:
 * its database (2.3 leaves it out of inserts), name, primary key field, and whether a partition
 * key routes its rows (then mutations name no partition and the target routes by key).
 */
public record ResolvedCollection(String database, String collection, String primaryKeyField,
    boolean partitionKey) {

  /** From the collection's schema as the source describes it. */
  public static ResolvedCollection of(CollectionSchema schema) {
    String primaryKey = schema.getFields().stream().filter(FieldSchema::getIsPrimaryKey).map(FieldSchema::getName)
        .findFirst().orElseThrow(() -> new IllegalArgumentException(
            "Collection " + new CollectionName(schema.getDatabase(), schema.getCollection())
                + " has no primary key field."));
    boolean partitionKey = schema.getFields().stream().anyMatch(FieldSchema::getIsPartitionKey);
    return new ResolvedCollection(schema.getDatabase(), schema.getCollection(), primaryKey, partitionKey);
  }
}
