package dev.milvusmigrate.milvus;

import dev.milvusmigrate.core.domain.CollectionName;
import dev.milvusmigrate.schemas.avro.Column;
import dev.milvusmigrate.schemas.avro.PrimaryKeys;
import java.util.List;

/** Column-based writes with the raw insert/upsert/delete RPCs. Each call returns after the server acknowledged it. */
public interface ColumnarWriter {

  /** How rows are written: plain insert, or upsert (idempotent by primary key). */
  enum Mode { INSERT, UPSERT }

  /**
   * Writes rows given as columns (every column holds {@code rowCount} rows).
   *
   * @param partition target partition, or null for the default / partition-key routing
   */
  void write(Mode mode, CollectionName collection, String partition, List<Column> columns, int rowCount);

  /** Deletes entities by primary key. {@code partition} may be null for all partitions. */
  void delete(CollectionName collection, String partition, PrimaryKeys keys);
}
