package dev.milvusmigrate.sink.live;

/**
 * Whether zero-downtime jobs are verified while they sync, how many baseline keys ({@code maxKeys},
 * about 8 bytes each for INT64 keys) and changed keys ({@code maxChangedKeys}, about 100 bytes each)
 * that may keep in memory, and whether released source collections are loaded for it. A collection
 * past either limit is left to the full verification at stop-sync, which streams in pages.
 */
public record LiveSettings(boolean enabled, long maxKeys, long maxChangedKeys, boolean loadReleased) {}
