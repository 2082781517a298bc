package dev.milvusmigrate.sink;

import dev.milvusmigrate.schemas.avro.Mutation;
import dev.milvusmigrate.schemas.avro.MutationOp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one entity's mutations of a poll change on the target, per partition (see {@link
 * MutationFold} for the rules): the deletes still needed, each the latest of its partition or one
 * for every partition, and the final write per partition. A null partition means every partition
 * for a delete and the key's own partition for a write (partition-key collections).
 */
final class EntityChanges {

  private Mutation deleteEverywhere;
  private final Map<String, Mutation> deletes = new LinkedHashMap<>();
  private final Map<String, Mutation> writes = new LinkedHashMap<>();

  void add(Mutation mutation) {
    String partition = mutation.getPartition();
    if (mutation.getOp() != MutationOp.DELETE) {
      write(partition, mutation);
    } else if (partition == null) {
      deleteEverywhere = mutation;
      deletes.clear();
      writes.clear();
    } else {
      writes.remove(partition);
      if (deleteEverywhere == null) {
        deletes.put(partition, mutation);
      }
    }
  }

  private void write(String partition, Mutation mutation) {
    if (partition == null) {
      deleteEverywhere = null;
      deletes.clear();
    } else {
      deletes.remove(partition);
    }
    writes.put(partition, mutation);
  }

  /** Deletes to apply before the writes. */
  List<Mutation> deletes() {
    List<Mutation> needed = new ArrayList<>(deletes.values());
    if (deleteEverywhere != null) {
      needed.add(deleteEverywhere);
    }
    return needed;
  }

  Collection<Mutation> writes() {
    return writes.values();
  }
}
