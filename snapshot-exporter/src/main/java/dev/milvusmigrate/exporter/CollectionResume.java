package dev.milvusmigrate.exporter;

import dev.milvusmigrate.schemas.avro.ExporterCheckpoint;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * Where the export of one collection continues, from its committed checkpoints (one per
 * partition read, the newest of each). Every checkpoint was committed in the same transaction as
 * the batch it covers, and the first one together with the schema, so "any checkpoint" means
 * the schema is already published.
 */
final class CollectionResume {

  private final Map<String, ExporterCheckpoint> byPartition = new HashMap<>();

  private CollectionResume() {}

  static CollectionResume fresh() {
    return new CollectionResume();
  }

  /** @param checkpoints the newest checkpoint of each partition of one collection */
  static CollectionResume of(List<ExporterCheckpoint> checkpoints) {
    CollectionResume resume = new CollectionResume();
    checkpoints.forEach(checkpoint -> resume.byPartition.put(partitionKey(checkpoint.getPartition()), checkpoint));
    return resume;
  }

  boolean schemaPublished() {
    return !byPartition.isEmpty();
  }

  /** The snapshot timestamp this collection was read at so far; a collection must be read at one T. */
  OptionalLong snapshotTs() {
    return byPartition.values().stream().mapToLong(ExporterCheckpoint::getSnapshotTs).findFirst();
  }

  long nextChunk() {
    return byPartition.values().stream().mapToLong(ExporterCheckpoint::getNextChunk).max().orElse(0);
  }

  long rowsRead() {
    return byPartition.values().stream().mapToLong(ExporterCheckpoint::getRowsRead).max().orElse(0);
  }

  boolean isDone(String partition) {
    ExporterCheckpoint checkpoint = byPartition.get(partitionKey(partition));
    return checkpoint != null && checkpoint.getDone();
  }

  /** Every partition to read is done: the last transaction, with SNAPSHOT_END, was committed. */
  boolean isFinished(List<String> partitions) {
    return partitions.stream().allMatch(this::isDone);
  }

  /** Largest primary key already published from the partition, or null to read it from the start. */
  Object afterPk(String partition) {
    ExporterCheckpoint checkpoint = byPartition.get(partitionKey(partition));
    if (checkpoint == null || checkpoint.getLastPk() == null) {
      return null;
    }
    Object pk = checkpoint.getLastPk();
    return pk instanceof CharSequence text ? text.toString() : pk;
  }

  private static String partitionKey(CharSequence partition) {
    return Objects.toString(partition, "\u0000all");
  }
}
