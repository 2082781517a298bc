/**
 * sink-writer service, a Kafka consumer group per job: creates target databases and collections
 * with identical schemas and vector indexes ({@link dev.milvusmigrate.sink.TargetPreparer}),
 * applies snapshot batches column-based ({@link dev.milvusmigrate.sink.BatchApplier}), commits
 * offsets only after the target acknowledged ({@link dev.milvusmigrate.sink.SnapshotSink}) and
 * verifies every copied collection against the source ({@link
 * dev.milvusmigrate.sink.CollectionVerifier}).
 */
package dev.milvusmigrate.sink;
