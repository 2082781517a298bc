/**
 * sink-writer service, Kafka consumer groups per job: creates target databases and collections
 * with identical schemas and vector indexes ({@link dev.milvusmigrate.sink.TargetPreparer}),
 * applies snapshot batches column-based ({@link dev.milvusmigrate.sink.BatchApplier}), commits
 * offsets only after the target acknowledged ({@link dev.milvusmigrate.sink.SnapshotSink}),
 * verifies every collection an offline job copied against the source ({@link
 * dev.milvusmigrate.verification.CollectionVerifier}), and applies a zero-downtime job's mutations
 * once its snapshot is on the target ({@link dev.milvusmigrate.sink.MutationSink}).
 */
package dev.milvusmigrate.sink;
