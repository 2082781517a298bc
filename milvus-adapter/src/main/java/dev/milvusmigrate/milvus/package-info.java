/**
 * The Milvus adapter: the one module that imports {@code io.milvus}. It will own connecting
 * with credentials and TLS from config, reading collection schemas, columnar query and
 * column-based insert/upsert/delete, translating SDK errors into clear messages.
 */
package dev.milvusmigrate.milvus;
