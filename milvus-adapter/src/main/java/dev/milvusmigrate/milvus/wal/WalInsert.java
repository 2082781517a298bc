package dev.milvusmigrate.milvus.wal;

import java.util.List;

/**
 * Rows inserted into one partition of a collection, as the source logged them: one hybrid
 * timestamp per row and the values, which are read with the collection's schema. Milvus logs an
 * upsert this way too (before a delete).
 *
 * @param channel the virtual channel (shard) the rows were written to
 */
public record WalInsert(long collectionId, String collectionName, String partitionName, String channel,
    List<Long> timestamps, InsertedColumns columns) implements WalEvent {

  public WalInsert {
    timestamps = List.copyOf(timestamps);
  }
}
