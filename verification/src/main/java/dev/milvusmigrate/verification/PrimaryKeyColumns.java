package dev.milvusmigrate.verification;

import dev.milvusmigrate.schemas.avro.Column;
import dev.milvusmigrate.schemas.avro.DataType;
import dev.milvusmigrate.schemas.avro.PackedValues;
import dev.milvusmigrate.schemas.avro.PrimaryKeys;
import dev.milvusmigrate.schemas.avro.StringValues;
import dev.milvusmigrate.schemas.columns.LittleEndianPacker;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Primary keys as Java values ({@link Long} or {@link String}) and back as {@link PrimaryKeys}. */
public final class PrimaryKeyColumns {

  private PrimaryKeyColumns() {}

  /** The keys of every row of a primary-key column, in row order. */
  static List<Object> keys(Column column) {
    Object values = column.getValues();
    if (values instanceof StringValues strings) {
      return new ArrayList<>(strings.getValues());
    }
    if (values instanceof PackedValues packed && column.getDataType() == DataType.INT64) {
      return new ArrayList<>(Arrays.stream(LittleEndianPacker.unpackLongs(packed.getData())).boxed().toList());
    }
    throw new IllegalArgumentException("Field '" + column.getFieldName() + "' of type " + column.getDataType()
        + " cannot be a primary key: only INT64 and VARCHAR can.");
  }

  /** The keys a {@link PrimaryKeys} holds, in order. */
  static List<Object> keys(PrimaryKeys keys) {
    Object values = keys.getKeys();
    if (values instanceof StringValues strings) {
      return new ArrayList<>(strings.getValues());
    }
    return new ArrayList<>(Arrays.stream(LittleEndianPacker.unpackLongs(((PackedValues) values).getData())).boxed()
        .toList());
  }

  /** How many keys a {@link PrimaryKeys} holds. */
  public static int count(PrimaryKeys keys) {
    return keys.getKeys() instanceof StringValues strings ? strings.getValues().size()
        : ((PackedValues) keys.getKeys()).getData().remaining() / Long.BYTES;
  }

  /** The column of {@code fieldName} in {@code columns}, or an error naming the missing field. */
  static Column find(List<Column> columns, String fieldName) {
    return columns.stream().filter(c -> c.getFieldName().equals(fieldName)).findFirst()
        .orElseThrow(() -> new IllegalStateException("The rows read have no column '" + fieldName + "'."));
  }

  /** Keys of one type (all Long or all String) as a {@link PrimaryKeys} request. */
  public static PrimaryKeys toPrimaryKeys(String fieldName, List<Object> keys) {
    if (!keys.isEmpty() && keys.get(0) instanceof String) {
      return new PrimaryKeys(fieldName, new StringValues(keys.stream().map(String.class::cast).toList()));
    }
    long[] longs = keys.stream().mapToLong(Long.class::cast).toArray();
    return new PrimaryKeys(fieldName, new PackedValues(LittleEndianPacker.packLongs(longs)));
  }
}
