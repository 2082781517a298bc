/**
 * The cdc-capture service: one {@link dev.milvusmigrate.capture.JobCapture} per zero-downtime job
 * reads a {@link dev.milvusmigrate.capture.SourceLog} of its {@link dev.milvusmigrate.capture.CaptureSource}
 * (for Milvus 2.2.16-2.5 on Kafka, {@link dev.milvusmigrate.capture.WalCapture}, whose records
 * milvus-adapter's {@code wal} package decodes; for any other Milvus, the capture-proxy's topic,
 * {@link dev.milvusmigrate.capture.ProxyCapture}), resolves each logged collection to database, name
 * and schema ({@link
 * dev.milvusmigrate.capture.CollectionDirectory}), reads an insert's values with that schema, maps
 * inserts and deletes to one-row {@code Mutation}s ({@link dev.milvusmigrate.capture.MutationMapper})
 * and publishes them, schemas, heartbeats and its checkpoints in one Kafka transaction per poll.
 */
package dev.milvusmigrate.capture;
