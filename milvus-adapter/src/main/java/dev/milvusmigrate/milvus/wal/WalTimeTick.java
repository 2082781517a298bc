package dev.milvusmigrate.milvus.wal;

/**
 * The source's progress on one channel: no message older than {@code timestamp} follows on it.
 * Ticks are not ordered against data; a tick read after an insert may carry an older time.
 *
 * @param channel the physical channel (DML topic) the tick was read from
 */
public record WalTimeTick(long timestamp, String channel) implements WalEvent {
}
