package dev.milvusmigrate.verification;

import dev.milvusmigrate.schemas.avro.CollectionSchema;
import dev.milvusmigrate.schemas.avro.FieldSchema;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * The partitions a verification compares one by one, so that a key in the wrong partition, or in
 * two where the source holds it in one, cannot pass (DESIGN invariant 11). A collection with only
 * its default partition, or a partition-key collection (whose partitions the server routes by the
 * key field, and which cannot be read one partition at a time), is compared as a whole: the list
 * is then a single null.
 */
public final class ComparedPartitions {

  private ComparedPartitions() {}

  public static List<String> of(CollectionSchema source, CollectionSchema target) {
    boolean partitionKey = source.getFields().stream().anyMatch(FieldSchema::getIsPartitionKey);
    TreeSet<String> names = new TreeSet<>(source.getPartitions());
    if (target != null) {
      names.addAll(target.getPartitions());
    }
    if (partitionKey || names.size() <= 1) {
      return Arrays.asList((String) null);
    }
    return new ArrayList<>(names);
  }

  /** Whether partitions are compared one by one. */
  public static boolean separately(List<String> partitions) {
    return partitions.size() > 1 || partitions.get(0) != null;
  }
}
