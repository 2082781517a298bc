package dev.milvusmigrate.milvus;

import dev.milvusmigrate.core.domain.CollectionName;
import java.util.List;

/**
 * One page of a primary-key scan.
 *
 * @param collection collection to read
 * @param partition partition to read, or null for all partitions
 * @param afterPk last primary key already read ({@link Long} or {@link String}), or null to start
 * @param outputFields fields to return; empty means every field, {@code $meta} included
 * @param snapshotTs hybrid timestamp the read must see every write up to: exactly at it where the
 *     server pins reads ({@link ServerInfo#pinnedReads()}), at or after it elsewhere; 0 reads with
 *     strong consistency
 */
public record PageRequest(CollectionName collection, String partition, String primaryKeyField,
    Object afterPk, int limit, List<String> outputFields, long snapshotTs) {

  public PageRequest {
    outputFields = List.copyOf(outputFields);
    if (limit <= 0) {
      throw new IllegalArgumentException("limit must be positive: " + limit);
    }
  }
}
