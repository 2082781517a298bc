package dev.milvusmigrate.sink.live;

import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The (partition, key) pairs one side of a collection held when a baseline scan read them: one
 * {@link SortedKeys} per compared partition ({@link ComparedPartitions}; the partition null stands
 * for the whole collection). A key that the side holds in two partitions is two pairs, as its
 * {@code count(*)} counts two rows.
 */
final class PartitionedKeys {

  private final Map<String, SortedKeys> byPartition = new LinkedHashMap<>();

  /** The keys of a partition, to add to in ascending order. */
  SortedKeys in(String partition) {
    return byPartition.computeIfAbsent(partition, p -> new SortedKeys());
  }

  boolean contains(String partition, Object key) {
    SortedKeys keys = byPartition.get(partition);
    return keys != null && keys.contains(key);
  }

  /** The partitions that hold the key. */
  Set<String> partitionsOf(Object key) {
    Set<String> partitions = new HashSet<>();
    byPartition.forEach((partition, keys) -> {
      if (keys.contains(key)) {
        partitions.add(partition);
      }
    });
    return partitions;
  }

  Set<String> partitions() {
    return Collections.unmodifiableSet(byPartition.keySet());
  }

  /** The number of pairs. */
  long size() {
    return byPartition.values().stream().mapToLong(SortedKeys::size).sum();
  }
}
