package dev.milvusmigrate.exporter;

import dev.milvusmigrate.core.domain.JobFailure;
import dev.milvusmigrate.schemas.avro.CollectionSchema;
import dev.milvusmigrate.schemas.avro.FieldSchema;
import java.util.Arrays;
import java.util.List;

/**
 * The partitions the exporter reads one after the other: every partition ({@code _default}
 * included) separately, because a batch holds rows of one partition; a partition-key collection
 * as a whole (partition null), because the target routes its rows by key.
 */
final class PartitionsToRead {

  private PartitionsToRead() {}

  static List<String> of(CollectionSchema schema) {
    boolean partitionKey = schema.getFields().stream().anyMatch(FieldSchema::getIsPartitionKey);
    if (partitionKey || schema.getPartitions().isEmpty()) {
      return Arrays.asList((String) null);
    }
    return List.copyOf(schema.getPartitions());
  }

  static String primaryKeyField(CollectionSchema schema) {
    return schema.getFields().stream().filter(FieldSchema::getIsPrimaryKey).map(FieldSchema::getName).findFirst()
        .orElseThrow(() -> new JobFailure("Collection '" + schema.getCollection() + "' has no primary key field"
            + " in its source schema: report this with the collection's schema.", schema.getDatabase(),
            schema.getCollection()));
  }
}
