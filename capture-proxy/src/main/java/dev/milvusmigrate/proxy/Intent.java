package dev.milvusmigrate.proxy;

import dev.milvusmigrate.milvus.wal.WalKeys;
import java.util.Optional;

/**
 * What a write may change, known before it is forwarded: its collection, the partition it names,
 * and the primary keys it carries or (for a delete) the keys its filter matches; an insert into an
 * auto-id collection names none, since the source chooses them.
 *
 * @param rows the rows of an insert or upsert, or the keys of a delete
 */
record Intent(String database, String collection, String partition, String primaryKeyField,
    Optional<WalKeys> keys, int rows) {}
