package dev.milvusmigrate.milvus;

import dev.milvusmigrate.schemas.avro.Column;
import io.milvus.grpc.FieldData;
import java.util.List;

/**
 * Public door to the column codec for change capture, which decodes the {@code FieldData} of
 * Milvus log messages itself: the same conversion the columnar reader applies to query results.
 */
public final class WalColumns {

  private WalColumns() {}

  /** The project's columns for the column-based field data of one log message, in the same order. */
  public static List<Column> toColumns(List<FieldData> fields) {
    return fields.stream().map(FieldDataCodec::toColumn).toList();
  }

  /** The column with only the given rows, in that order; a null bitmap follows its rows. */
  public static Column selectRows(Column column, int... rows) {
    return PayloadRows.select(column, rows);
  }
}
