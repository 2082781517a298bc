package dev.milvusmigrate.sink;

import dev.milvusmigrate.core.domain.CollectionName;
import dev.milvusmigrate.milvus.ColumnarWriter;
import dev.milvusmigrate.schemas.avro.Column;
import dev.milvusmigrate.schemas.avro.EntityBatch;
import java.util.List;
import java.util.Optional;

/**
 * Writes one snapshot batch to the target, column-based, into its partition (none for
 * partition-key collections, where the target routes rows by key). A batch that may already have
 * been written is written as an upsert, because Milvus does not de-duplicate inserts. Where the
 * target generates the keys ({@link RegeneratedKeys}) the key column is left out.
 */
final class BatchApplier {

  private final ColumnarWriter writer;

  BatchApplier(ColumnarWriter writer) {
    this.writer = writer;
  }

  /** @param generatedKey the key field the target generates, whose column is not written */
  void apply(EntityBatch batch, String targetDatabase, ColumnarWriter.Mode mode, Optional<String> generatedKey) {
    if (batch.getRowCount() == 0) {
      return;
    }
    List<Column> columns = generatedKey.map(key -> batch.getColumns().stream()
        .filter(column -> !column.getFieldName().equals(key)).toList()).orElse(batch.getColumns());
    writer.write(mode, new CollectionName(targetDatabase, batch.getCollection()), batch.getPartition(), columns,
        batch.getRowCount());
  }
}
