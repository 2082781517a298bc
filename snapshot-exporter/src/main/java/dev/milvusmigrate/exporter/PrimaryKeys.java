package dev.milvusmigrate.exporter;

import dev.milvusmigrate.schemas.avro.Column;
import dev.milvusmigrate.schemas.avro.PackedValues;
import dev.milvusmigrate.schemas.avro.StringValues;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Reads single primary keys out of a primary-key column: INT64 as {@link Long}, VARCHAR as {@link String}. */
final class PrimaryKeys {

  private PrimaryKeys() {}

  static Object at(Column pkColumn, int row) {
    Object payload = pkColumn.getValues();
    if (payload instanceof PackedValues packed) {
      ByteBuffer data = packed.getData();
      return data.duplicate().order(ByteOrder.LITTLE_ENDIAN).getLong(data.position() + row * Long.BYTES);
    }
    if (payload instanceof StringValues strings) {
      return strings.getValues().get(row).toString();
    }
    throw new IllegalArgumentException("primary key column " + pkColumn.getFieldName() + " is neither INT64 nor VARCHAR");
  }
}
