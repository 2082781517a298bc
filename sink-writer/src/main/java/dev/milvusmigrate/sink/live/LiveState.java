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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a live verification gathered while its job synced: each covered collection's baseline, the
 * entities changed since, the schemas it read, and the collections left to the full verification.
 * The following thread writes it; the cutover reads and updates it only once that thread stopped.
 * Its memory is bounded: a collection left to the full verification keeps no keys here, and
 * whenever the changed keys outnumber {@code maxChangedKeys} the collection holding most of them is
 * left to the full verification (which streams both sides in pages at stop-sync).
 */
final class LiveState {

  private static final Logger log = LoggerFactory.getLogger(LiveState.class);

  private final MilvusCatalog source;
  private final String jobId;
  private final long maxChangedKeys;
  private final Map<CollectionName, CollectionSchema> schemas = new HashMap<>();
  private final Map<CollectionName, BaselineScan.Result> baselines = new HashMap<>();
  private final Set<CollectionName> uncovered = new HashSet<>();
  private ChangedKeys changed = new ChangedKeys();
  private long baselineKeys;
  private volatile boolean ready;

  LiveState(MilvusCatalog source, String jobId, long maxChangedKeys) {
    this.source = source;
    this.jobId = jobId;
    this.maxChangedKeys = maxChangedKeys;
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

  /** The collection gets the full verification at stop-sync: what was kept of it is dropped. */
  void leaveToFullVerification(CollectionName collection) {
    uncovered.add(collection);
    changed.forget(collection);
    BaselineScan.Result dropped = baselines.remove(collection);
    if (dropped != null) {
      baselineKeys -= dropped.source().size() + dropped.target().size();
    }
  }

  int uncoveredCount() {
    return uncovered.size();
  }

  boolean isUncovered(CollectionName collection) {
    return uncovered.contains(collection);
  }

  void baseline(CollectionName collection, BaselineScan.Result baseline) {
    if (uncovered.contains(collection)) {
      return;
    }
    baselines.put(collection, baseline);
    baselineKeys += baseline.source().size() + baseline.target().size();
    baseline.differences().forEach(key -> changed.recheck(collection, key));
    baseline.sample().forEach(key -> changed.recheck(collection, key));
    keepChangedKeysBounded();
  }

  BaselineScan.Result baseline(CollectionName collection) {
    return baselines.getOrDefault(collection, BaselineScan.Result.empty());
  }

  int baselines() {
    return baselines.size();
  }

  long baselineKeys() {
    return baselineKeys;
  }

  ChangedKeys changed() {
    return changed;
  }

  /** A record of the mutations topic at {@code offset} of {@code partition} changed the entity. */
  void record(int partition, long offset, RecordKeys.Entity entity) {
    if (uncovered.contains(entity.collection())) {
      return;
    }
    changed.changed(entity.collection(), primaryKey(entity.collection(), entity.primaryKey()), partition, offset);
    keepChangedKeysBounded();
  }

  /** Leaves the collections with the most changed keys to the full verification until few enough are kept. */
  private void keepChangedKeysBounded() {
    while (changed.size() > maxChangedKeys) {
      CollectionName largest = changed.largest();
      log.info("Live verification of job {}: more than {} changed keys (sink.verify.live.max-changed-keys); {}, which"
          + " holds the most of them, is left to the full verification at stop-sync.", jobId, maxChangedKeys, largest);
      leaveToFullVerification(largest);
    }
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
