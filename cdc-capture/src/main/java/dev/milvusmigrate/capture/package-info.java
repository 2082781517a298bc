/**
 * cdc-capture service (to be built by the zero-downtime work). It will own: a capture-source
 * interface and its implementations (first: Milvus 2.3-2.5 DML topics on Kafka), decoding
 * inserts and deletes, mapping collection ids to names, publishing mutations keyed by
 * (database, collection, primary key) and heartbeats from source time ticks to
 * {@code <job>.mutations}, committing them with the source position in one Kafka transaction.
 */
package dev.milvusmigrate.capture;
