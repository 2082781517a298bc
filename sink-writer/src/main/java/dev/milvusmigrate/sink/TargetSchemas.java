package dev.milvusmigrate.sink;

import dev.milvusmigrate.milvus.ServerInfo;
import dev.milvusmigrate.schemas.avro.CollectionSchema;
import dev.milvusmigrate.schemas.avro.FieldSchema;
import dev.milvusmigrate.verification.SchemaComparator;
import java.util.HashMap;
import java.util.Map;

/**
 * The schema a target collection is created with: the source's, except what keeps primary keys
 * (DESIGN invariant 4). A target that can insert into auto-id collections keeps auto_id and gets
 * {@code allow_insert_auto_id=true}; an older target gets auto_id turned off on the primary key.
 */
final class TargetSchemas {

  private TargetSchemas() {}

  static CollectionSchema forTarget(CollectionSchema source, String targetDatabase, ServerInfo target) {
    CollectionSchema schema = CollectionSchema.newBuilder(source).setDatabase(targetDatabase).build();
    boolean autoId = schema.getFields().stream().anyMatch(f -> f.getIsPrimaryKey() && f.getAutoId());
    if (!autoId) {
      return schema;
    }
    if (target.insertAutoId()) {
      Map<String, String> properties = new HashMap<>(schema.getProperties());
      properties.put(SchemaComparator.ALLOW_INSERT_AUTO_ID, "true");
      schema.setProperties(properties);
    } else {
      schema.setFields(schema.getFields().stream()
          .map(f -> f.getIsPrimaryKey() ? FieldSchema.newBuilder(f).setAutoId(false).build() : f).toList());
    }
    return schema;
  }
}
