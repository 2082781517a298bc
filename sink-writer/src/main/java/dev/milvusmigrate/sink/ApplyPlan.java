package dev.milvusmigrate.sink;

import dev.milvusmigrate.core.domain.CollectionName;
import dev.milvusmigrate.schemas.avro.Column;
import dev.milvusmigrate.schemas.avro.PrimaryKeys;
import java.util.List;
import java.util.Map;

/**
 * What one apply step changes on the target, per source collection and partition: keys to delete
 * and entities to upsert. Deletions are applied before upserts: a key may be in both, deleted from
 * one partition (or all) and written into another ({@link MutationFold}).
 */
record ApplyPlan(Map<WriteTarget, PrimaryKeys> deletions, Map<WriteTarget, Rows> upserts) {

  /**
   * @param name the source collection
   * @param partition the partition written; null deletes from every partition, and upserts into a
   *     partition-key collection, whose target routes rows by key
   */
  record WriteTarget(CollectionName name, String partition) {}

  /** Entities as columns, {@code count} rows in each. */
  record Rows(List<Column> columns, int count) {}
}
