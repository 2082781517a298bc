/**
 * cdc-capture service (being built by the zero-downtime work). Built so far: decoding a record of a
 * Milvus 2.3-2.5 DML topic on Kafka ({@link dev.milvusmigrate.capture.WalRecordDecoder} to a
 * {@link dev.milvusmigrate.capture.WalEvent}) and mapping logged inserts and deletes to one-row
 * {@code Mutation}s ({@link dev.milvusmigrate.capture.MutationMapper}). Still to come: a
 * capture-source interface, mapping collection ids to names, publishing mutations keyed by
 * (database, collection, primary key) and heartbeats from source time ticks to
 * {@code <job>.mutations}, committing them with the source position in one Kafka transaction.
 */
package dev.milvusmigrate.capture;
