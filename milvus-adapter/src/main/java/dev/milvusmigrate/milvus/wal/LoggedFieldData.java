package dev.milvusmigrate.milvus.wal;

import dev.milvusmigrate.milvus.WalColumns;
import dev.milvusmigrate.schemas.avro.CollectionSchema;
import dev.milvusmigrate.schemas.avro.Column;
import io.milvus.grpc.FieldData;
import java.util.List;

/** The column-based field data of a logged insert of {@code rows} rows, as the source logged it. */
record LoggedFieldData(List<FieldData> fields, int rows) implements InsertedColumns {

  LoggedFieldData {
    fields = List.copyOf(fields);
  }

  @Override
  public List<Column> read(CollectionSchema schema) {
    try {
      return WalColumns.toColumns(fields, schema, rows);
    } catch (RuntimeException e) {
      throw new WalDecodeException(e.getMessage(), e);
    }
  }
}
