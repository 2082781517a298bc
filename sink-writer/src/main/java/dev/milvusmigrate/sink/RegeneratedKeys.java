package dev.milvusmigrate.sink;

import dev.milvusmigrate.core.domain.CollectionName;
import dev.milvusmigrate.milvus.MilvusCatalog;
import dev.milvusmigrate.schemas.avro.AutoIdKeys;
import dev.milvusmigrate.schemas.avro.CollectionSchema;
import dev.milvusmigrate.schemas.avro.FieldSchema;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The target collections whose keys the target generates (a job with {@link AutoIdKeys#REGENERATE}
 * and a target collection with auto_id on: the sink creates it so exactly when the source's is):
 * their batches are inserted without the key column. Read from the target's schema, once per
 * collection, so a sink that restarts midway still knows.
 */
final class RegeneratedKeys {

  private final boolean regenerate;
  private final MilvusCatalog target;
  private final Map<CollectionName, Optional<String>> keyFields = new ConcurrentHashMap<>();

  RegeneratedKeys(AutoIdKeys keys, MilvusCatalog target) {
    this.regenerate = keys == AutoIdKeys.REGENERATE;
    this.target = target;
  }

  /** The key field the target generates for {@code collection}; empty where the batches carry the keys. */
  Optional<String> keyField(CollectionName collection) {
    if (!regenerate) {
      return Optional.empty();
    }
    return keyFields.computeIfAbsent(collection, name -> target.describeCollection(name)
        .flatMap(RegeneratedKeys::generatedKey));
  }

  private static Optional<String> generatedKey(CollectionSchema schema) {
    return schema.getFields().stream().filter(f -> f.getIsPrimaryKey() && f.getAutoId()).map(FieldSchema::getName)
        .findFirst();
  }
}
