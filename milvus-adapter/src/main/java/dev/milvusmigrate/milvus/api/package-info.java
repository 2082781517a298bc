/**
 * Writes as an application sent them through the Milvus API and the source acknowledged them: the
 * capture-proxy hands over the raw request and response of an Insert, Upsert or Delete and gets
 * back what changed ({@link dev.milvusmigrate.milvus.api.AcknowledgedWriteDecoder}).
 */
package dev.milvusmigrate.milvus.api;
