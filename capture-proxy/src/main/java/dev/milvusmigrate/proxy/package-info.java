/**
 * The capture-proxy service: a gRPC server that stands between the applications and the source
 * Milvus and forwards every call unchanged, by full method name and raw bytes ({@link
 * dev.milvusmigrate.proxy.PassThroughServer}). The Insert, Upsert and Delete calls the source
 * acknowledged are ordered per key ({@link dev.milvusmigrate.proxy.WriteOrder}), read on the way
 * ({@link dev.milvusmigrate.proxy.WriteTap}) and recorded in Kafka, stamped with the proxy's clock,
 * before the application gets its answer ({@link dev.milvusmigrate.proxy.ChangeLog}); cdc-capture
 * reads that topic (docs/ARCHITECTURE.md, "The capture-proxy").
 */
package dev.milvusmigrate.proxy;
