package dev.milvusmigrate.exporter;

/**
 * What every batch of one collection partition shares.
 *
 * @param partition the partition read, or null when the collection is read as a whole (partition-key collections)
 */
record BatchTarget(String jobId, String database, String collection, String partition, String primaryKeyField,
    long snapshotTs) {}
