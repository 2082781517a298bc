package dev.milvusmigrate.milvus.wal;

import dev.milvusmigrate.schemas.avro.CollectionSchema;
import dev.milvusmigrate.schemas.avro.Column;
import java.util.List;

/**
 * The values of a logged insert, read only once the collection's schema is known: the schema,
 * not the record, says what type each column is.
 */
@FunctionalInterface
public interface InsertedColumns {

  /**
   * One column per field of {@code schema}, typed by it.
   *
   * @throws WalDecodeException when the record contradicts the schema or cannot be read
   */
  List<Column> read(CollectionSchema schema);
}
