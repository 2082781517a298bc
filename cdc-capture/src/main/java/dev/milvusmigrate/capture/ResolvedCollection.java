package dev.milvusmigrate.capture;

/**
 * What the log does not say about a collection, resolved from the source's metadata by its id:
 * its database (2.3 leaves it out of inserts), name, primary key field, and whether a partition
 * key routes its rows (then mutations name no partition and the target routes by key).
 */
public record ResolvedCollection(String database, String collection, String primaryKeyField,
    boolean partitionKey) {
}
