package dev.milvusmigrate.capture;

/** Where a record was read in the source's message queue; carried opaquely on each mutation. */
public record WalPosition(String topic, int partition, long offset) {
}
