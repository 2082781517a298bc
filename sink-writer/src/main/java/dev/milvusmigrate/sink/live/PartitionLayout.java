package dev.milvusmigrate.sink.live;

import dev.milvusmigrate.core.domain.CollectionName;
import dev.milvusmigrate.milvus.MilvusSession;
import dev.milvusmigrate.schemas.avro.CollectionSchema;
import dev.milvusmigrate.verification.ComparedPartitions;
import java.util.List;
import java.util.Optional;

/**
 * The partitions a live check of one collection reads one by one ({@link ComparedPartitions}; a
 * single null for a collection compared as a whole), and which of them each side has: a side
 * lacking a partition holds nothing there. Described afresh for each check, since a zero-downtime
 * job's collections gain partitions while it syncs.
 */
record PartitionLayout(List<String> compared, List<String> source, List<String> target) {

  static PartitionLayout of(CollectionSchema source, Optional<CollectionSchema> target) {
    return new PartitionLayout(ComparedPartitions.of(source, target.orElse(null)), source.getPartitions(),
        target.map(CollectionSchema::getPartitions).orElse(List.of()));
  }

  /** The layout of the source collection and its copy in {@code targetDatabase}, as both are now. */
  static PartitionLayout read(MilvusSession sourceSide, MilvusSession targetSide, CollectionSchema schema,
      String targetDatabase) {
    CollectionName name = new CollectionName(schema.getDatabase(), schema.getCollection());
    CollectionSchema source = sourceSide.catalog().describeCollection(name).orElse(schema);
    return of(source, targetSide.catalog().describeCollection(name.in(targetDatabase)));
  }

  boolean separately() {
    return ComparedPartitions.separately(compared);
  }

  boolean inSource(String partition) {
    return partition == null || source.contains(partition);
  }

  boolean inTarget(String partition) {
    return partition == null || target.contains(partition);
  }

  /** Whether both sides have every compared partition. */
  boolean sameOnBothSides() {
    return compared.stream().allMatch(p -> inSource(p) && inTarget(p));
  }
}
