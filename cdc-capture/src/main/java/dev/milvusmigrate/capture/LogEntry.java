package dev.milvusmigrate.capture;

import dev.milvusmigrate.milvus.wal.WalEvent;

/** One decoded entry of the source's log and where it was read. */
public record LogEntry(LogChannel channel, long offset, WalEvent event) {}
