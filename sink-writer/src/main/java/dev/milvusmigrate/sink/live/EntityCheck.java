package dev.milvusmigrate.sink.live;

import dev.milvusmigrate.core.domain.CollectionName;
import dev.milvusmigrate.milvus.MilvusSession;
import dev.milvusmigrate.milvus.Page;
import dev.milvusmigrate.schemas.avro.CollectionSchema;
import dev.milvusmigrate.verification.CollectionVerifier;
import dev.milvusmigrate.verification.EntityComparator;
import dev.milvusmigrate.verification.PrimaryKeyColumns;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Reads given entities from source and target at once (strong consistency), partition by
 * partition ({@link PartitionLayout}), and compares them: in which partitions each side holds them,
 * and, for a content check, field by field, vectors bit-exact, where both do. A presence check
 * reads the primary key column only.
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

  /** The comparison of each key, in the order given, read strongly; {@code content} also compares every field. */
  Map<Object, ChangedKeys.Comparison> compare(CollectionSchema schema, String targetDatabase, PartitionLayout layout,
      List<Object> keys, boolean content) {
    return compare(schema, targetDatabase, layout, keys, content, new BaselineScan.Timestamps(0, 0));
  }

  /**
   * As {@link #compare(CollectionSchema, String, PartitionLayout, List, boolean)}, each side read
   * once it holds every write up to its timestamp: unlike strong reads, the reads after the first
   * need not wait for the server's next time tick.
   */
  Map<Object, ChangedKeys.Comparison> compare(CollectionSchema schema, String targetDatabase, PartitionLayout layout,
      List<Object> keys, boolean content, BaselineScan.Timestamps asOf) {
    String pk = CollectionVerifier.primaryKeyField(schema);
    List<String> fields = content ? CollectionVerifier.comparedFields(schema) : List.of(pk);
    int perRead = content ? ENTITIES_PER_READ : KEYS_PER_READ;
    CollectionName sourceName = new CollectionName(schema.getDatabase(), schema.getCollection());
    CollectionName targetName = sourceName.in(targetDatabase);
    Map<Object, Found> found = new LinkedHashMap<>();
    keys.forEach(key -> found.put(key, new Found()));
    for (String partition : layout.compared()) {
      for (int from = 0; from < keys.size(); from += perRead) {
        List<Object> chunk = keys.subList(from, Math.min(keys.size(), from + perRead));
        var request = PrimaryKeyColumns.toPrimaryKeys(pk, chunk);
        CompletableFuture<Page> targetRead = CompletableFuture.supplyAsync(() -> layout.inTarget(partition)
            ? target.reader().readByKeys(targetName, partition, request, fields, asOf.target())
            : null, targetReads);
        Page sourceRows = layout.inSource(partition)
            ? source.reader().readByKeys(sourceName, partition, request, fields, asOf.source())
            : null;
        Page targetRows = CollectionVerifier.joined(targetRead);
        Map<Object, Integer> inSource = sourceRows == null ? Map.of() : EntityComparator.rowsByKey(sourceRows, pk);
        Map<Object, Integer> inTarget = targetRows == null ? Map.of() : EntityComparator.rowsByKey(targetRows, pk);
        for (Object key : chunk) {
          Integer s = inSource.get(key);
          Integer t = inTarget.get(key);
          found.get(key).add(partition, s != null, t != null,
              s != null && t != null && !EntityComparator.differingFields(sourceRows, s, targetRows, t).isEmpty());
        }
      }
    }
    Map<Object, ChangedKeys.Comparison> results = new LinkedHashMap<>();
    found.forEach((key, entity) -> results.put(key, entity.comparison()));
    return results;
  }

  /** Where an entity was found on each side, and whether a partition holding it on both showed different fields. */
  private static final class Found {
    private final Set<String> sourcePartitions = new HashSet<>();
    private final Set<String> targetPartitions = new HashSet<>();
    private boolean fieldsDiffer;

    void add(String partition, boolean inSource, boolean inTarget, boolean differ) {
      if (inSource) {
        sourcePartitions.add(partition);
      }
      if (inTarget) {
        targetPartitions.add(partition);
      }
      fieldsDiffer |= differ;
    }

    ChangedKeys.Comparison comparison() {
      return new ChangedKeys.Comparison(sourcePartitions, targetPartitions,
          !fieldsDiffer && sourcePartitions.equals(targetPartitions));
    }
  }
}
