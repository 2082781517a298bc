package dev.milvusmigrate.milvus.api;

import dev.milvusmigrate.milvus.wal.InsertedColumns;
import dev.milvusmigrate.milvus.wal.WalKeys;

/**
 * Rows inserted or upserted: the values as the request carried them, with the primary keys the
 * source returned (for an auto-id collection the only place the keys are).
 *
 * @param columns the request's columns, read with the collection's schema; an auto-id key column
 *     the request lacks is filled from {@code keys}; reading throws {@link UnreadableWrite} where the
 *     values contradict the schema
 */
public record AcknowledgedInsert(String database, String collection, String partition, boolean upsert, int rows,
    WalKeys keys, long timestamp, InsertedColumns columns) implements AcknowledgedWrite {
}
