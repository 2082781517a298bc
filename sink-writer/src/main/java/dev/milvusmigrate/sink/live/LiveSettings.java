package dev.milvusmigrate.sink.live;

/**
 * Whether zero-downtime jobs are verified while they sync, how many keys that may keep in memory,
 * and whether released source collections are loaded for it.
 */
public record LiveSettings(boolean enabled, long maxKeys, boolean loadReleased) {}
