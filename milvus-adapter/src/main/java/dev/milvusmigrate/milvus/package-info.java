/**
 * The Milvus adapter: the one module that imports {@code io.milvus}. {@link
 * dev.milvusmigrate.milvus.MilvusConnector} opens a {@link dev.milvusmigrate.milvus.MilvusSession}
 * with credentials and TLS from config; the session offers metadata and DDL ({@link
 * dev.milvusmigrate.milvus.MilvusCatalog}), columnar reads paging by primary key ({@link
 * dev.milvusmigrate.milvus.ColumnarReader}) and column-based writes ({@link
 * dev.milvusmigrate.milvus.ColumnarWriter}) over the raw gRPC API, and translates server errors
 * into {@link dev.milvusmigrate.milvus.MilvusAccessException}s that say what to do. {@link
 * dev.milvusmigrate.milvus.WalColumns} reads the columns of a logged insert with the collection's
 * schema, for the log decoding in {@code dev.milvusmigrate.milvus.wal}.
 */
package dev.milvusmigrate.milvus;
