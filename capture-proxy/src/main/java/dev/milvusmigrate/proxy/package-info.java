/**
 * The capture-proxy service: a gRPC server that stands between the applications and the source
 * Milvus and forwards every call unchanged, by full method name and raw bytes ({@link
 * dev.milvusmigrate.proxy.PassThroughServer}). The Insert, Upsert and Delete calls the source
 * acknowledged are read on the way ({@link dev.milvusmigrate.proxy.WriteTap}) and counted;
 * recording them in Kafka is designed in docs/ARCHITECTURE.md and not built yet.
 */
package dev.milvusmigrate.proxy;
