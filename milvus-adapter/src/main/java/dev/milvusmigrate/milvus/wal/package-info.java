/**
 * The log of Milvus 2.2.16-2.5 (the protobuf messages of its DML channels): {@link
 * dev.milvusmigrate.milvus.wal.WalRecordDecoder} turns one record into a {@link
 * dev.milvusmigrate.milvus.wal.WalEvent}. An insert's values are read with the collection's schema
 * ({@link dev.milvusmigrate.milvus.wal.InsertedColumns}), never with the type facts the writing
 * client put in the record. Reading the log's transport (Kafka, Pulsar) is the capture service's.
 */
package dev.milvusmigrate.milvus.wal;
