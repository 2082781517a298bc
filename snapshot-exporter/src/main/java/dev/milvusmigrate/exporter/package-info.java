/**
 * snapshot-exporter service (to be built by the offline-migration work). It will own: listing
 * the job's collections, publishing each collection's schema and partitions, taking one
 * snapshot timestamp T, reading every collection at T with the raw query RPC paging by primary
 * key, and publishing columnar entity batches sized by bytes to {@code <job>.snapshot}, with a
 * per-collection cursor checkpoint so a restarted exporter continues where it stopped.
 */
package dev.milvusmigrate.exporter;
