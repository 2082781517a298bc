package dev.milvusmigrate.milvus.api;

/**
 * A write the source acknowledged with success. {@code timestamp} is the response's
 * {@code MutationResult.timestamp}: 0 where the source gives none (Milvus Lite, deletes on 2.3).
 */
public sealed interface AcknowledgedWrite permits AcknowledgedInsert, AcknowledgedDelete {

  String database();

  String collection();

  /** The partition the request named; empty for the default partition or a partition key. */
  String partition();

  long timestamp();
}
