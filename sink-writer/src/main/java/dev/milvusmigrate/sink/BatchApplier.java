package dev.milvusmigrate.sink;

import dev.milvusmigrate.core.domain.CollectionName;
import dev.milvusmigrate.milvus.ColumnarWriter;
import dev.milvusmigrate.schemas.avro.EntityBatch;

/**
 * Writes one snapshot batch to the target, column-based, into its partition (none for
 * partition-key collections, where the target routes rows by key). A batch that may already have
 * been written is written as an upsert, because Milvus does not de-duplicate inserts.
 */
final class BatchApplier {

  private final ColumnarWriter writer;

  BatchApplier(ColumnarWriter writer) {
    this.writer = writer;
  }

  void apply(EntityBatch batch, String targetDatabase, ColumnarWriter.Mode mode) {
    if (batch.getRowCount() == 0) {
      return;
    }
    writer.write(mode, new CollectionName(targetDatabase, batch.getCollection()), batch.getPartition(),
        batch.getColumns(),
        batch.getRowCount());
  }
}
