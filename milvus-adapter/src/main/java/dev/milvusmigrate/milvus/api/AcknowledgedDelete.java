package dev.milvusmigrate.milvus.api;

import dev.milvusmigrate.milvus.wal.WalKeys;
import java.util.Optional;

/**
 * A delete by filter expression (a delete by ids is one too: {@code id in [...]}), with what the
 * source said it deleted.
 *
 * @param keys the deleted keys when the source returns them (Milvus Lite does, Milvus 2.3.5 does not)
 * @param deleted the count the source returned
 */
public record AcknowledgedDelete(String database, String collection, String partition, String filter,
    Optional<WalKeys> keys, long deleted, long timestamp) implements AcknowledgedWrite {
}
