package dev.milvusmigrate.capture;

import dev.milvusmigrate.schemas.avro.Column;
import java.util.List;

/**
 * Rows inserted into one partition of a collection, as the source logged them: one hybrid
 * timestamp per row and one column per field. Milvus logs an upsert this way too (after a delete).
 *
 * @param channel the virtual channel (shard) the rows were written to
 */
public record WalInsert(long collectionId, String collectionName, String partitionName, String channel,
    List<Long> timestamps, List<Column> columns) implements WalEvent {

  public WalInsert {
    timestamps = List.copyOf(timestamps);
    columns = List.copyOf(columns);
  }
}
