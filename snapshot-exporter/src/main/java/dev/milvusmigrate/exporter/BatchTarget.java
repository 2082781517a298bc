package dev.milvusmigrate.exporter;

import dev.milvusmigrate.core.domain.CollectionName;

/**
 * What every batch of one collection partition shares.
 *
 * @param name the collection read
 * @param partition the partition read, or null when the collection is read as a whole (partition-key collections)
 */
record BatchTarget(String jobId, CollectionName name, String partition, String primaryKeyField,
    long snapshotTs) {}
