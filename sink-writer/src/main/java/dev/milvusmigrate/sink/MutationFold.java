package dev.milvusmigrate.sink;

import dev.milvusmigrate.core.domain.CollectionName;
import dev.milvusmigrate.core.domain.JobFailure;
import dev.milvusmigrate.schemas.avro.Column;
import dev.milvusmigrate.schemas.avro.Mutation;
import dev.milvusmigrate.schemas.avro.MutationOp;
import dev.milvusmigrate.schemas.avro.PrimaryKeys;
import dev.milvusmigrate.schemas.columns.ColumnConcatenation;
import dev.milvusmigrate.sink.ApplyPlan.Rows;
import dev.milvusmigrate.sink.ApplyPlan.WriteTarget;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiFunction;

/**
 * Folds the mutations of one poll, each partition's in offset order, into what must change on the
 * target per entity, so that applying the poll's deletes first and then its upserts leaves the
 * target as the source after the same mutations. Keeps, per entity (key), the partitions the key
 * must be deleted from and its final write per partition ({@link EntityChanges}):
 *
 * <ul>
 *   <li>a delete without a partition removes the key everywhere, earlier writes included;
 *   <li>a delete from partition P removes the key only there, and an earlier write into P;
 *   <li>a write into P (captured inserts are applied as upserts) replaces the key's copy in P, so it
 *       covers an earlier delete from P but not a delete from elsewhere: a key deleted from one
 *       partition and written into another is deleted and then written, and a key written into two
 *       partitions stays in both, as on the source;
 *   <li>a write without a partition (partition-key collections, which route by key) replaces the key
 *       wherever it is.
 * </ul>
 *
 * A delete is never dropped unless a later write covers it. Mutations at or before the snapshot
 * timestamp T are in the snapshot already and are skipped (DESIGN invariant 1). Also keeps, per
 * mutations partition, the newest source timestamp seen and the rows applied.
 */
final class MutationFold {

  /** What one mutations partition contributed: its newest source timestamp and the rows applied. */
  record PartitionProgress(long highestTs, long rowsApplied) {
    PartitionProgress plus(PartitionProgress later) {
      return new PartitionProgress(Math.max(highestTs, later.highestTs), rowsApplied + later.rowsApplied);
    }
  }

  private final long snapshotTs;
  private final Map<String, EntityChanges> changes = new LinkedHashMap<>();
  private final Map<Integer, PartitionProgress> progress = new TreeMap<>();

  MutationFold(long snapshotTs) {
    this.snapshotTs = snapshotTs;
  }

  /**
   * @param entity the record key, which names the entity: {@code RecordKeys.entity(database,
   *     collection, primary key)}
   * @throws IllegalArgumentException if the mutation is not one entity's change
   */
  void add(int partition, String entity, Mutation mutation) {
    requireOneEntity(entity, mutation);
    boolean applies = mutation.getSourceTs() > snapshotTs;
    if (applies) {
      changes.computeIfAbsent(entity, e -> new EntityChanges()).add(mutation);
    }
    progress.merge(partition, new PartitionProgress(mutation.getSourceTs(), applies ? 1 : 0),
        PartitionProgress::plus);
  }

  /** Capture has published every change of the partition up to {@code sourceTs}. */
  void heartbeat(int partition, long sourceTs) {
    progress.merge(partition, new PartitionProgress(sourceTs, 0), PartitionProgress::plus);
  }

  Map<Integer, PartitionProgress> progress() {
    return progress;
  }

  ApplyPlan plan() {
    Map<WriteTarget, List<PrimaryKeys>> deletions = new LinkedHashMap<>();
    Map<WriteTarget, List<List<Column>>> upserts = new LinkedHashMap<>();
    for (EntityChanges entity : changes.values()) {
      for (Mutation delete : entity.deletes()) {
        deletions.computeIfAbsent(target(delete), t -> new ArrayList<>()).add(delete.getPrimaryKeys());
      }
      for (Mutation write : entity.writes()) {
        upserts.computeIfAbsent(target(write), t -> new ArrayList<>()).add(write.getColumns());
      }
    }
    return new ApplyPlan(joined(deletions, (target, keys) -> ColumnConcatenation.keys(keys)),
        joined(upserts, MutationFold::rows));
  }

  private static WriteTarget target(Mutation mutation) {
    return new WriteTarget(new CollectionName(mutation.getDatabase(), mutation.getCollection()),
        mutation.getPartition());
  }

  private static <P, J> Map<WriteTarget, J> joined(Map<WriteTarget, List<P>> parts,
      BiFunction<WriteTarget, List<P>, J> join) {
    Map<WriteTarget, J> joined = new LinkedHashMap<>();
    parts.forEach((target, list) -> joined.put(target, join.apply(target, list)));
    return joined;
  }

  private static Rows rows(WriteTarget target, List<List<Column>> entities) {
    try {
      return new Rows(ColumnConcatenation.rows(entities), entities.size());
    } catch (IllegalArgumentException e) {
      throw new JobFailure("Mutations of " + target.name().qualified()
          + " carry different fields (" + e.getMessage() + "): check that cdc-capture and the sink run compatible"
          + " versions.", target.name().database(), target.name().collection(), e);
    }
  }

  private static void requireOneEntity(String entity, Mutation mutation) {
    if (entity == null) {
      throw new IllegalArgumentException("it has no record key naming its entity");
    }
    if (mutation.getRowCount() != 1) {
      throw new IllegalArgumentException("it holds " + mutation.getRowCount() + " rows, not one");
    }
    boolean delete = mutation.getOp() == MutationOp.DELETE;
    if (delete ? mutation.getPrimaryKeys() == null : mutation.getColumns().isEmpty()) {
      throw new IllegalArgumentException("its " + mutation.getOp() + " has no " + (delete ? "primary key" : "columns"));
    }
  }
}
