package dev.milvusmigrate.sink;

import dev.milvusmigrate.schemas.avro.AutoIdKeys;
import dev.milvusmigrate.schemas.avro.CollectionSchema;
import dev.milvusmigrate.schemas.avro.FieldSchema;
import dev.milvusmigrate.verification.SchemaComparator;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * The schema a target collection is created with: the source's, except what keeps primary keys
 * (DESIGN invariant 4), unless the job has the target generate new keys ({@link AutoIdKeys#REGENERATE}:
 * auto_id stays on as on the source). A target that keeps keys inserted into auto-id collections (found out by
 * trying, only when the source collection is auto-id) keeps auto_id and gets
 * {@code allow_insert_auto_id=true}; another target gets auto_id turned off on the primary key. An
 * ARRAY of VARCHAR whose element length the source does not report (Milvus Lite 3.2.2 leaves it
 * out) gets the longest Milvus allows, so that every value fits on a target that requires one.
 */
final class TargetSchemas {

  private TargetSchemas() {}

  static CollectionSchema forTarget(CollectionSchema source, String targetDatabase, AutoIdKeys keys,
      BooleanSupplier keepsAutoIdKeys) {
    CollectionSchema schema = CollectionSchema.newBuilder(source).setDatabase(targetDatabase).build();
    schema.setFields(schema.getFields().stream().map(SchemaComparator::creatable).toList());
    boolean autoId = schema.getFields().stream().anyMatch(f -> f.getIsPrimaryKey() && f.getAutoId());
    if (!autoId || keys == AutoIdKeys.REGENERATE) {
      return schema;
    }
    if (keepsAutoIdKeys.getAsBoolean()) {
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
