package dev.milvusmigrate.sink.live;

import dev.milvusmigrate.core.domain.CollectionName;
import dev.milvusmigrate.core.domain.RecordKeys;
import dev.milvusmigrate.milvus.MilvusCatalog;
import dev.milvusmigrate.schemas.avro.CollectionSchema;
import dev.milvusmigrate.schemas.avro.DataType;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What a live verification gathered while its job synced: each covered collection's baseline, the
 * entities changed since, the schemas it read, and the collections left to the full verification.
 * The following thread writes it; the cutover reads and updates it only once that thread stopped.
 */
final class LiveState {

  private final MilvusCatalog source;
  private final Map<CollectionName, CollectionSchema> schemas = new HashMap<>();
  private final Map<CollectionName, BaselineScan.Result> baselines = new HashMap<>();
  private final Set<CollectionName> uncovered = new HashSet<>();
  private ChangedKeys changed = new ChangedKeys();
  private long baselineKeys;
  private volatile boolean ready;

  LiveState(MilvusCatalog source) {
    this.source = source;
  }

  /** Forgets everything: a new baseline follows. */
  void reset() {
    ready = false;
    changed = new ChangedKeys();
    schemas.clear();
    baselines.clear();
    uncovered.clear();
    baselineKeys = 0;
  }

  /** Every covered collection has its baseline: changes are followed from now on. */
  void baselineComplete() {
    ready = true;
  }

  boolean ready() {
    return ready;
  }

  /** Whether the collection has a baseline and every change of it was followed. */
  boolean covers(CollectionName collection) {
    return ready && !uncovered.contains(collection);
  }

  void leaveToFullVerification(CollectionName collection) {
    uncovered.add(collection);
  }

  int uncoveredCount() {
    return uncovered.size();
  }

  boolean isUncovered(CollectionName collection) {
    return uncovered.contains(collection);
  }

  void baseline(CollectionName collection, BaselineScan.Result baseline) {
    baselines.put(collection, baseline);
    baselineKeys += baseline.source().size() + baseline.target().size();
    baseline.differences().forEach(key -> changed.recheck(collection, key));
    baseline.sample().forEach(key -> changed.recheck(collection, key));
  }

  BaselineScan.Result baseline(CollectionName collection) {
    return baselines.getOrDefault(collection, BaselineScan.Result.empty());
  }

  int baselines() {
    return baselines.size();
  }

  /** Keys kept in memory: the baselines' and the changed ones. */
  long keysKept() {
    return baselineKeys + changed.size();
  }

  long baselineKeys() {
    return baselineKeys;
  }

  ChangedKeys changed() {
    return changed;
  }

  /** A record of the mutations topic at {@code offset} of {@code partition} changed the entity. */
  void record(int partition, long offset, RecordKeys.Entity entity) {
    changed.changed(entity.collection(), primaryKey(entity.collection(), entity.primaryKey()), partition, offset);
  }

  void schema(CollectionName collection, CollectionSchema schema) {
    schemas.put(collection, schema);
  }

  CollectionSchema schema(CollectionName collection) {
    return schemas.computeIfAbsent(collection, c -> source.describeCollection(c)
        .orElseThrow(() -> new IllegalStateException(
            "collection " + c + " is gone from the source")));
  }

  /** The key as the collection's primary key type: INT64 keys are numbers, VARCHAR keys text. */
  private Object primaryKey(CollectionName collection, String text) {
    boolean int64 = schema(collection).getFields().stream()
        .anyMatch(f -> f.getIsPrimaryKey() && f.getDataType() == DataType.INT64);
    return int64 ? (Object) Long.parseLong(text) : text;
  }
}
