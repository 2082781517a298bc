/**
 * Compares a target collection with its source: schemas ({@link
 * dev.milvusmigrate.verification.SchemaComparator}), counts, distinct primary keys merge-compared
 * in ascending key scans of both sides, and sampled entities field by field ({@link
 * dev.milvusmigrate.verification.CollectionVerifier}). The sink runs it on every copied
 * collection and composes its key scans into the live verification; the CLI's {@code verify} and
 * preflight use it on their own. It reads both sides through milvus-adapter and writes to neither;
 * it knows nothing of Kafka, jobs' topics or offsets.
 */
package dev.milvusmigrate.verification;
