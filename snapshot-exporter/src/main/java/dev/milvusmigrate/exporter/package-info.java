/**
 * The snapshot-exporter service: for every offline job it checks the source database and
 * collections ({@link dev.milvusmigrate.exporter.SnapshotPlanner}), takes one snapshot timestamp T,
 * reads each owned collection partition by partition in primary-key order
 * ({@link dev.milvusmigrate.exporter.CollectionExporter}), groups rows into byte-bounded columnar
 * batches ({@link dev.milvusmigrate.exporter.BatchAssembler}) and publishes each batch with its
 * checkpoint in one Kafka transaction, so a restarted exporter continues exactly where it stopped
 * ({@link dev.milvusmigrate.exporter.CheckpointStore}).
 */
package dev.milvusmigrate.exporter;
