package dev.milvusmigrate.sink.live;

import dev.milvusmigrate.core.domain.CollectionName;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The entities a live verification must compare again because they may have changed since its
 * baseline scan: every key of a mutation at or after the scan's start offsets, and the keys the
 * scan itself found different or sampled. Each is due for a comparison once the sink committed
 * (so applied) its last mutation, and is settled when a comparison after that mutation found both
 * sides equal. A later mutation makes it due again. Each key costs about 100 bytes (a map entry, the
 * boxed key and its state; equal comparisons are shared), which is why the live verification bounds
 * their number ({@code sink.verify.live.max-changed-keys}) by {@link #forget forgetting} whole
 * collections. Pure; one thread at a time.
 */
final class ChangedKeys {

  /**
   * What the last comparison of an entity found: the partitions each side holds it in (the
   * partition null stands for a collection compared as a whole), and whether both hold it in the
   * same partitions with equal fields.
   */
  record Comparison(Set<String> sourcePartitions, Set<String> targetPartitions, boolean equal) {

    Comparison {
      // may hold null, the whole collection; unmodifiable, as equal comparisons are shared
      sourcePartitions = Collections.unmodifiableSet(new HashSet<>(sourcePartitions));
      targetPartitions = Collections.unmodifiableSet(new HashSet<>(targetPartitions));
    }

    boolean inSource() {
      return !sourcePartitions.isEmpty();
    }

    boolean inTarget() {
      return !targetPartitions.isEmpty();
    }

    /** Held in the same partitions on both sides, with fields that differ. */
    boolean fieldsDiffer() {
      return !equal && inSource() && sourcePartitions.equals(targetPartitions);
    }
  }

  private static final long NO_OFFSET = -1;
  private static final long NEVER = -2;

  private static final class State {
    int partition = -1;
    long lastOffset = NO_OFFSET;
    long settledAt = NEVER;
    Comparison last;
  }

  /** Comparisons kept at most once each (most are alike); past this many distinct ones, no more are shared. */
  static final int SHARED_COMPARISONS = 1_024;

  private final Map<CollectionName, Map<Object, State>> entities = new LinkedHashMap<>();
  private final Map<Comparison, Comparison> shared = new HashMap<>();
  private int size;

  /** A mutation of {@code key} at {@code offset} of mutations partition {@code partition}. */
  void changed(CollectionName collection, Object key, int partition, long offset) {
    State state = state(collection, key);
    state.partition = partition;
    state.lastOffset = offset;
  }

  /** An entity to compare again at the end, though no mutation named it. */
  void recheck(CollectionName collection, Object key) {
    state(collection, key);
  }

  boolean contains(CollectionName collection, Object key) {
    return entities.getOrDefault(collection, Map.of()).containsKey(key);
  }

  int size() {
    return size;
  }

  Set<CollectionName> collections() {
    return entities.keySet();
  }

  /**
   * Up to {@code limit} unsettled entities whose last mutation is applied: its offset is below the
   * sink's committed offset of its partition ({@code committed}, absent = nothing committed).
   */
  Map<CollectionName, List<Object>> due(Map<Integer, Long> committed, int limit) {
    Map<CollectionName, List<Object>> due = new LinkedHashMap<>();
    int count = 0;
    for (Map.Entry<CollectionName, Map<Object, State>> collection : entities.entrySet()) {
      for (Map.Entry<Object, State> entity : collection.getValue().entrySet()) {
        State state = entity.getValue();
        if (count < limit && !settled(state) && applied(state, committed)) {
          due.computeIfAbsent(collection.getKey(), c -> new ArrayList<>()).add(entity.getKey());
          count++;
        }
      }
    }
    return due;
  }

  /** Every unsettled entity of the collection, whether or not its mutation was applied. */
  List<Object> unsettled(CollectionName collection) {
    return entities.getOrDefault(collection, Map.of()).entrySet().stream().filter(e -> !settled(e.getValue()))
        .map(Map.Entry::getKey).toList();
  }

  /** Every entity of the collection, settled or not. */
  List<Object> keys(CollectionName collection) {
    return List.copyOf(entities.getOrDefault(collection, Map.of()).keySet());
  }

  /** The offset of the entity's last mutation, to pass back to {@link #compared}. */
  long lastOffset(CollectionName collection, Object key) {
    return entities.get(collection).get(key).lastOffset;
  }

  /**
   * Records a comparison made after the mutation at {@code offsetSeen}; it settles the entity only
   * if no later mutation arrived meanwhile and both sides were equal.
   */
  void compared(CollectionName collection, Object key, long offsetSeen, Comparison comparison) {
    State state = entities.get(collection).get(key);
    if (state.lastOffset != offsetSeen) {
      return;
    }
    state.last = shared.size() < SHARED_COMPARISONS ? shared.computeIfAbsent(comparison, c -> c)
        : shared.getOrDefault(comparison, comparison);
    state.settledAt = comparison.equal() ? offsetSeen : NEVER;
  }

  /** The entities of the collection with their last comparison (null if never compared). */
  Map<Object, Comparison> comparisons(CollectionName collection) {
    Map<Object, Comparison> result = new HashMap<>();
    entities.getOrDefault(collection, Map.of()).forEach((key, state) -> result.put(key, state.last));
    return result;
  }

  /** Forgets every key of the collection (left to the full verification); returns how many. */
  int forget(CollectionName collection) {
    Map<Object, State> removed = entities.remove(collection);
    int count = removed == null ? 0 : removed.size();
    size -= count;
    return count;
  }

  /** The collection with the most keys, or null when none has any. */
  CollectionName largest() {
    return entities.entrySet().stream().filter(e -> !e.getValue().isEmpty())
        .max(Comparator.comparingInt(e -> e.getValue().size())).map(Map.Entry::getKey).orElse(null);
  }

  private State state(CollectionName collection, Object key) {
    return entities.computeIfAbsent(collection, c -> new HashMap<>()).computeIfAbsent(key, k -> {
      size++;
      return new State();
    });
  }

  private static boolean settled(State state) {
    return state.settledAt != NEVER && state.settledAt == state.lastOffset;
  }

  private static boolean applied(State state, Map<Integer, Long> committed) {
    return state.partition < 0 || state.lastOffset < committed.getOrDefault(state.partition, 0L);
  }
}
