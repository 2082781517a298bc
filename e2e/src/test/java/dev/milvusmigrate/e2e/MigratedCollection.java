package dev.milvusmigrate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import io.milvus.v2.service.collection.request.CreateCollectionReq;
import io.milvus.v2.service.collection.response.DescribeCollectionResp;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Asserts that a target collection is an exact copy of its source, read through the SDK on both
 * sides: same schema (the documented auto_id exception aside), same partitions, same primary-key
 * set without duplicates, and every entity equal field by field (vectors exactly, JSON as parsed
 * by gson, nulls kept). Both collections must be loaded.
 */
final class MigratedCollection {

  private final MilvusData source;
  private final MilvusData target;
  private final String collection;

  MigratedCollection(MilvusData source, MilvusData target, String collection) {
    this.source = source;
    this.target = target;
    this.collection = collection;
  }

  /**
   * Schema equal, auto_id on the primary key included: the target keeps keys inserted into auto-id
   * collections (Milvus Lite 3.2.2), so the sink kept auto_id on, and an application that inserts
   * without keys, as it did on the source, is served. Inserts one entity into the target.
   */
  MigratedCollection hasSameSchemaWithAutoIdKept(JsonObject rowWithoutKey) {
    DescribeCollectionResp sourceSchema = source.describe(collection);
    DescribeCollectionResp targetSchema = target.describe(collection);
    String pk = sourceSchema.getPrimaryFieldName();
    assertThat(field(sourceSchema, pk).getAutoID()).as("auto_id of %s.%s on the source", collection, pk).isTrue();
    assertThat(field(targetSchema, pk).getAutoID()).as("auto_id of %s.%s on the target", collection, pk).isTrue();
    assertThat(render(targetSchema, false)).as("schema of %s", collection).isEqualTo(render(sourceSchema, false));
    long before = target.count(collection);
    target.insert(collection, List.of(rowWithoutKey));
    assertThat(target.count(collection)).as("entities of %s after an insert without a key", collection)
        .isEqualTo(before + 1);
    return this;
  }

  MigratedCollection hasSameSchema() {
    DescribeCollectionResp sourceSchema = source.describe(collection);
    assertThat(field(sourceSchema, sourceSchema.getPrimaryFieldName()).getAutoID()).isFalse();
    assertThat(render(target.describe(collection), false)).as("schema of %s", collection)
        .isEqualTo(render(sourceSchema, false));
    return this;
  }

  /** Same partition names, and in each partition the same primary keys. */
  MigratedCollection hasSamePartitionsAndMembers() {
    List<String> partitions = source.partitions(collection);
    assertThat(new TreeSet<>(target.partitions(collection))).as("partitions of %s", collection)
        .isEqualTo(new TreeSet<>(partitions));
    for (String partition : partitions) {
      assertThat(new TreeSet<>(keysAsText(target.keys(collection, partition))))
          .as("keys of %s/%s", collection, partition)
          .isEqualTo(new TreeSet<>(keysAsText(source.keys(collection, partition))));
    }
    return this;
  }

  /** Same keys, no duplicates on the target ({@code count(*)} = distinct keys = source rows), every entity equal. */
  MigratedCollection hasSameEntities(long expectedRows) {
    long sourceCount = source.count(collection);
    assertThat(sourceCount).as("rows of the source %s", collection).isEqualTo(expectedRows);
    List<Object> targetKeys = target.keys(collection, null);
    assertThat(new HashSet<>(targetKeys)).as("distinct keys of the target %s", collection).hasSize(targetKeys.size());
    assertThat(target.count(collection)).as("count(*) of the target %s", collection).isEqualTo(sourceCount);
    assertThat(targetKeys).as("keys of the target %s", collection).hasSize((int) sourceCount);

    Map<Object, Map<String, Object>> expected = source.entities(collection);
    Map<Object, Map<String, Object>> actual = target.entities(collection);
    assertThat(expected).as("entities read back from the source %s", collection).hasSize((int) sourceCount);
    List<String> fields = source.describe(collection).getFieldNames();
    expected.values().forEach(entity -> assertThat(entity).as("fields read back from %s", collection)
        .containsKeys(fields.toArray(String[]::new)));
    assertThat(actual.keySet()).as("primary keys of %s", collection).isEqualTo(expected.keySet());
    expected.forEach((key, entity) -> assertThat(actual.get(key)).as("entity %s of %s", key, collection)
        .isEqualTo(entity));
    return this;
  }

  /**
   * Every collection of the database copied: the target has exactly the source's collections,
   * left released, each an exact copy; {@code generated} (auto_id on the source) keeps auto_id on
   * the target (a Lite 3.2.2 target keeps inserted keys) and takes inserts without keys afterwards.
   */
  static void assertDatabaseCopied(MilvusData from, MilvusData to, Map<String, Integer> rows) {
    assertThat(to.collections()).containsExactlyInAnyOrderElementsOf(rows.keySet());
    for (Map.Entry<String, Integer> collection : rows.entrySet()) {
      String name = collection.getKey();
      assertThat(to.isLoaded(name)).as("%s left released on the target without --load", name).isFalse();
      from.load(name);
      to.load(name);
      MigratedCollection migrated = new MigratedCollection(from, to, name);
      if (name.equals("generated")) {
        migrated.hasSamePartitionsAndMembers().hasSameEntities(collection.getValue()).hasSameSchemaWithAutoIdKept(SourceDatabase.generatedRow(collection.getValue()));
      } else {
        migrated.hasSameSchema().hasSamePartitionsAndMembers().hasSameEntities(collection.getValue());
      }
    }
  }

  /** The source's entities, read back for assertions on the fixture itself. */
  Map<Object, Map<String, Object>> sourceEntities() {
    return source.entities(collection);
  }

  static CreateCollectionReq.FieldSchema field(DescribeCollectionResp schema, String name) {
    return schema.getCollectionSchema().getField(name);
  }

  /** Everything the migration must keep, one line per field, ids and creation times left out. */
  private static Map<String, String> render(DescribeCollectionResp schema, boolean ignorePrimaryKeyAutoId) {
    Map<String, String> rendered = new LinkedHashMap<>();
    rendered.put("(collection)", "dynamic=" + schema.getEnableDynamicField() + " numPartitions="
        + schema.getNumOfPartitions() + " shards=" + schema.getShardsNum() + " fields=" + schema.getFieldNames());
    for (CreateCollectionReq.FieldSchema f : schema.getCollectionSchema().getFieldSchemaList()) {
      boolean autoId = Boolean.TRUE.equals(f.getAutoID()) && !(ignorePrimaryKeyAutoId && Boolean.TRUE.equals(
          f.getIsPrimaryKey()));
      rendered.put(f.getName(), "type=" + f.getDataType() + " maxLength=" + f.getMaxLength() + " dim="
          + f.getDimension() + " pk=" + f.getIsPrimaryKey() + " autoId=" + autoId + " partitionKey="
          + f.getIsPartitionKey() + " nullable=" + f.getIsNullable() + " default=" + f.getDefaultValue()
          + " elementType=" + f.getElementType() + " maxCapacity=" + f.getMaxCapacity() + " clusteringKey="
          + f.getIsClusteringKey() + " typeParams=" + Objects.requireNonNullElse(f.getTypeParams(), Map.of()));
    }
    return rendered;
  }

  private static List<String> keysAsText(List<Object> keys) {
    return keys.stream().map(String::valueOf).toList();
  }
}
