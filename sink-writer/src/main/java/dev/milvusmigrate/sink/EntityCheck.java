package dev.milvusmigrate.sink;

import dev.milvusmigrate.milvus.MilvusSession;
import dev.milvusmigrate.milvus.Page;
import dev.milvusmigrate.schemas.avro.CollectionSchema;
import dev.milvusmigrate.verification.CollectionVerifier;
import dev.milvusmigrate.verification.EntityComparator;
import dev.milvusmigrate.verification.PrimaryKeyColumns;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Reads given entities from source and target at once (strong consistency) and compares them:
 * whether each side holds them, and, for a content check, field by field, vectors bit-exact, when
 * both do. A presence check reads the primary key column only.
 */
final class EntityCheck {

  /** Keys per read: a presence check reads only keys, so it can take many more at once. */
  static final int ENTITIES_PER_READ = 1_000;
  static final int KEYS_PER_READ = 10_000;

  private final MilvusSession source;
  private final MilvusSession target;
  private final Executor targetReads;

  /** @param targetReads runs the target's read while the calling thread reads the source */
  EntityCheck(MilvusSession source, MilvusSession target, Executor targetReads) {
    this.source = source;
    this.target = target;
    this.targetReads = targetReads;
  }

  /** The comparison of each key, in the order given; {@code content} also compares every field. */
  Map<Object, ChangedKeys.Comparison> compare(CollectionSchema schema, String targetDatabase, List<Object> keys,
      boolean content) {
    Map<Object, ChangedKeys.Comparison> results = new LinkedHashMap<>();
    String pk = CollectionVerifier.primaryKeyField(schema);
    List<String> fields = content ? CollectionVerifier.comparedFields(schema) : List.of(pk);
    int perRead = content ? ENTITIES_PER_READ : KEYS_PER_READ;
    for (int from = 0; from < keys.size(); from += perRead) {
      List<Object> chunk = keys.subList(from, Math.min(keys.size(), from + perRead));
      var request = PrimaryKeyColumns.toPrimaryKeys(pk, chunk);
      CompletableFuture<Page> targetRead = CompletableFuture.supplyAsync(
          () -> target.reader().readByKeys(targetDatabase, schema.getCollection(), request, fields), targetReads);
      Page sourceRows = source.reader().readByKeys(schema.getDatabase(), schema.getCollection(), request, fields);
      Page targetRows = CollectionVerifier.joined(targetRead);
      Map<Object, Integer> inSource = EntityComparator.rowsByKey(sourceRows, pk);
      Map<Object, Integer> inTarget = EntityComparator.rowsByKey(targetRows, pk);
      for (Object key : chunk) {
        Integer s = inSource.get(key);
        Integer t = inTarget.get(key);
        boolean equal = s == null ? t == null
            : t != null && EntityComparator.differingFields(sourceRows, s, targetRows, t).isEmpty();
        results.put(key, new ChangedKeys.Comparison(s != null, t != null, equal));
      }
    }
    return results;
  }
}
