/**
 * The wire contracts of milvus-migrate: the Avro schemas of every Kafka topic (generated into
 * {@code dev.milvusmigrate.schemas.avro}), the registry-free single-object serde
 * ({@code serde}), the helpers that pack column payloads ({@code columns}) and what the contracts' states
 * mean ({@link dev.milvusmigrate.schemas.JobStates}).
 *
 * <p>Every service depends on this module and on nothing else to read or write a topic; the
 * encodings of each data type are described in {@code docs/DATA-MODEL.md}.
 */
package dev.milvusmigrate.schemas;
