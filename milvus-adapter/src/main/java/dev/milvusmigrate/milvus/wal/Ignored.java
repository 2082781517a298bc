package dev.milvusmigrate.milvus.wal;

/** A DML channel message capture has no use for (DDL, flush, ...), named by its Milvus message type. */
public record Ignored(String messageType) implements WalEvent {
}
