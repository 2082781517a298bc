package dev.milvusmigrate.e2e;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What went wrong in one target collection, counted against its source entity by entity once
 * the sync stopped: source entities missing on the target (lost), extra copies of a key on the
 * target (duplicated), target entities the source no longer has, i.e. deleted on the source but
 * present on the target (resurrected), and entities present on both sides whose fields differ.
 */
record EntityTally(long sourceEntities, long lost, long duplicated, long resurrected, long differing) {

  static final EntityTally NONE = new EntityTally(0, 0, 0, 0, 0);

  /** Both collections must be loaded; the target's keys are read with duplicates. */
  static EntityTally of(MilvusData source, MilvusData target, String collection) {
    Map<Object, Map<String, Object>> expected = source.entities(collection);
    List<Object> targetKeys = target.keys(collection, null);
    Set<Object> distinct = new HashSet<>(targetKeys);
    Map<Object, Map<String, Object>> actual = target.entities(collection);
    long lost = expected.keySet().stream().filter(key -> !distinct.contains(key)).count();
    long resurrected = distinct.stream().filter(key -> !expected.containsKey(key)).count();
    long differing = expected.entrySet().stream()
        .filter(e -> actual.containsKey(e.getKey()) && !actual.get(e.getKey()).equals(e.getValue())).count();
    return new EntityTally(expected.size(), lost, targetKeys.size() - distinct.size(), resurrected, differing);
  }

  EntityTally plus(EntityTally other) {
    return new EntityTally(sourceEntities + other.sourceEntities, lost + other.lost,
        duplicated + other.duplicated, resurrected + other.resurrected, differing + other.differing);
  }

  boolean clean() {
    return lost == 0 && duplicated == 0 && resurrected == 0 && differing == 0;
  }
}
