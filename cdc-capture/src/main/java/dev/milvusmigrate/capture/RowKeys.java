package dev.milvusmigrate.capture;

import dev.milvusmigrate.milvus.wal.WalKeys;
import dev.milvusmigrate.schemas.avro.Column;
import dev.milvusmigrate.schemas.avro.PackedValues;
import dev.milvusmigrate.schemas.avro.PrimaryKeys;
import dev.milvusmigrate.schemas.avro.StringValues;
import dev.milvusmigrate.schemas.columns.LittleEndianPacker;
import java.util.Arrays;
import java.util.List;

/** The primary keys of logged rows, as {@code Long} or {@code String} (how record keys print them). */
final class RowKeys {

  private RowKeys() {}

  static List<Object> of(List<Column> columns, String primaryKeyField) {
    Column column = columns.stream().filter(c -> c.getFieldName().equals(primaryKeyField)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("The logged rows have no column for the primary key field "
            + primaryKeyField + "."));
    return values(column.getValues());
  }

  static List<Object> of(PrimaryKeys keys) {
    return values(keys.getKeys());
  }

  private static List<Object> values(Object values) {
    if (values instanceof PackedValues packed) {
      return Arrays.stream(LittleEndianPacker.unpackLongs(packed.getData())).boxed().map(Object.class::cast).toList();
    }
    return List.copyOf(((StringValues) values).getValues());
  }

  static List<Object> of(WalKeys keys) {
    if (keys instanceof WalKeys.Int64 int64) {
      return List.copyOf(int64.values());
    }
    return List.copyOf(((WalKeys.Varchar) keys).values());
  }
}
