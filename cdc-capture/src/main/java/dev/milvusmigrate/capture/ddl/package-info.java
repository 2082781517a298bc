/**
 * Version-agnostic DDL watch for zero-downtime jobs. {@link
 * dev.milvusmigrate.capture.ddl.DdlWatcher} polls the source's metadata ({@link
 * dev.milvusmigrate.capture.ddl.SourceCatalogReader} → {@link
 * dev.milvusmigrate.capture.ddl.SourceCatalogView}), and {@link
 * dev.milvusmigrate.capture.ddl.ForbiddenDdlDetector} turns the difference from the previous view
 * into {@link dev.milvusmigrate.capture.ddl.DdlViolation}s: RenameCollection, DropCollection,
 * DropPartition, AlterCollection, AlterCollectionField, Create/Drop/AlterAlias, DropDatabase,
 * AlterDatabase and Import. No Kafka here: the capture service reports a violation as it sees fit.
 */
package dev.milvusmigrate.capture.ddl;
