package dev.milvusmigrate.sink;

import dev.milvusmigrate.core.domain.CollectionName;
import dev.milvusmigrate.core.domain.JobFailure;
import dev.milvusmigrate.milvus.MilvusCatalog;
import dev.milvusmigrate.schemas.avro.CollectionSchema;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Makes sure a target collection exists, and has the partition a mutation names, before the
 * mutation is written: partitions created on the source during sync arrive only as names on
 * mutations. Remembers each collection's partitions and asks the target again on a miss. Used by
 * one thread.
 */
final class TargetPartitions {

  private final MilvusCatalog catalog;
  private final Map<String, Set<String>> known = new HashMap<>();

  TargetPartitions(MilvusCatalog catalog) {
    this.catalog = catalog;
  }

  /**
   * @param partition the partition to have, or null for none in particular
   * @throws JobFailure if the target has no such collection: its schema never came
   */
  void ensure(CollectionName source, String targetDatabase, String partition) {
    CollectionName target = source.in(targetDatabase);
    String name = target.qualified();
    Set<String> partitions = known.get(name);
    if (partitions != null && (partition == null || partitions.contains(partition))) {
      return;
    }
    partitions = describe(source, targetDatabase);
    if (partition != null && !partitions.contains(partition)) {
      catalog.createPartition(target, partition);
      partitions.add(partition);
    }
    known.put(name, partitions);
  }

  private Set<String> describe(CollectionName source, String targetDatabase) {
    CollectionName target = source.in(targetDatabase);
    CollectionSchema schema = catalog.describeCollection(target).orElseThrow(
        () -> new JobFailure("Mutations of " + source.qualified() + " arrived, but the target has no collection "
            + target.qualified() + " and no schema of it came first: cdc-capture must send a"
            + " collection's schema before its mutations.", source.database(), source.collection()));
    return new HashSet<>(schema.getPartitions());
  }
}
