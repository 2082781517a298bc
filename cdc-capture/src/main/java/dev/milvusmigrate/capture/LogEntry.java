package dev.milvusmigrate.capture;

/** One decoded entry of the source's log and where it was read. */
public record LogEntry<E>(LogChannel channel, long offset, E event) {}
