package dev.milvusmigrate.milvus;

import dev.milvusmigrate.schemas.avro.CollectionSchema;
import dev.milvusmigrate.schemas.avro.Column;
import io.milvus.grpc.FieldData;
import java.util.List;

/**
 * Public door to the column codec for the Milvus log ({@code dev.milvusmigrate.milvus.wal}) and for
 * change capture: the columns of a logged insert typed by the collection's schema, and single rows
 * of them.
 */
public final class WalColumns {

  private WalColumns() {}

  /**
   * One column per field of {@code schema} for the column-based field data of one logged insert of
   * {@code rows} rows, each typed by the schema (see {@link SchemaTypedColumns}).
   *
   * @throws IllegalArgumentException naming the collection, the field and what differs, when the
   *     record contradicts the schema
   */
  public static List<Column> toColumns(List<FieldData> fields, CollectionSchema schema, int rows) {
    return SchemaTypedColumns.read(fields, schema, rows);
  }

  /** The column with only the given rows, in that order; a null bitmap follows its rows. */
  public static Column selectRows(Column column, int... rows) {
    return PayloadRows.select(column, rows);
  }
}
