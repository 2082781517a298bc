package dev.milvusmigrate.milvus.wal;

import java.util.List;

/** Primary keys deleted from a collection, as the source logged them: one hybrid timestamp per key. */
public record WalDelete(long collectionId, String collectionName, String partitionName, WalKeys keys,
    List<Long> timestamps) implements WalEvent {

  public WalDelete {
    timestamps = List.copyOf(timestamps);
  }
}
