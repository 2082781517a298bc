/**
 * sink-writer service (to be built by the offline-migration work), a Kafka consumer group. It
 * will own: creating target databases and collections with identical schemas and AUTOINDEX,
 * applying snapshot batches and then mutations newer than the snapshot timestamp with
 * column-based upserts and deletes, and committing offsets only after the target acknowledged.
 */
package dev.milvusmigrate.sink;
