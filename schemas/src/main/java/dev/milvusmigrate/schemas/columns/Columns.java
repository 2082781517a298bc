package dev.milvusmigrate.schemas.columns;

import dev.milvusmigrate.schemas.avro.ArrayValues;
import dev.milvusmigrate.schemas.avro.Column;
import dev.milvusmigrate.schemas.avro.DataType;
import dev.milvusmigrate.schemas.avro.PackedValues;
import dev.milvusmigrate.schemas.avro.RowBytesValues;
import dev.milvusmigrate.schemas.avro.StringValues;
import java.nio.ByteBuffer;
import java.util.List;

/** Builds {@link Column}s with the payload kind their data type requires, and counts their rows. */
public final class Columns {

  private Columns() {}

  /** A fixed-width scalar column (BOOL, INT8..INT64, FLOAT, DOUBLE, TIMESTAMPTZ) packed by {@link LittleEndianPacker}. */
  public static Column scalars(String name, DataType type, ByteBuffer packed) {
    LittleEndianPacker.count(packed, ValueWidth.ofScalar(type));
    return column(name, type, null, new PackedValues(packed));
  }

  /** A dense vector column packed by {@link VectorPacker}. */
  public static Column vectors(String name, DataType type, int dim, ByteBuffer packed) {
    LittleEndianPacker.count(packed, ValueWidth.ofVector(type, dim));
    return column(name, type, dim, new PackedValues(packed));
  }

  /** A VARCHAR, STRING or GEOMETRY (WKT) column. */
  public static Column strings(String name, DataType type, List<String> values) {
    requireKind(type, PayloadKind.STRINGS);
    return column(name, type, null, new StringValues(values));
  }

  /** A JSON ($meta included) column of UTF-8 JSON texts, or a sparse vector column of {@link SparseVectorCodec} rows. */
  public static Column rowBytes(String name, DataType type, List<ByteBuffer> rows) {
    requireKind(type, PayloadKind.ROW_BYTES);
    return column(name, type, null, new RowBytesValues(rows));
  }

  /** An ARRAY column; each row is a {@link PackedValues} or, for VARCHAR elements, a {@link StringValues}. */
  public static Column arrays(String name, DataType elementType, List<Object> rows) {
    PayloadKind elementKind = PayloadKind.forType(elementType);
    Class<?> rowType = elementKind == PayloadKind.STRINGS ? StringValues.class : PackedValues.class;
    for (Object row : rows) {
      if (!rowType.isInstance(row)) {
        throw new IllegalArgumentException("ARRAY of " + elementType + " needs " + rowType.getSimpleName() + " rows");
      }
    }
    return column(name, DataType.ARRAY, null, new ArrayValues(elementType, rows));
  }

  /** The same column with a null bitmap built from {@code valid} (no bitmap when all rows are valid). */
  public static Column withValidity(Column column, boolean[] valid) {
    column.setValidity(NullBitmap.fromValid(valid));
    return column;
  }

  /** Number of rows the payload holds. */
  public static int rowCount(Column column) {
    Object values = column.getValues();
    if (values instanceof PackedValues packed) {
      return LittleEndianPacker.count(packed.getData(), packedWidth(column));
    }
    if (values instanceof StringValues strings) {
      return strings.getValues().size();
    }
    if (values instanceof RowBytesValues rowBytes) {
      return rowBytes.getRows().size();
    }
    return ((ArrayValues) values).getRows().size();
  }

  private static int packedWidth(Column column) {
    DataType type = column.getDataType();
    if (!ValueWidth.isVector(type)) {
      return ValueWidth.ofScalar(type);
    }
    if (column.getDim() == null) {
      throw new IllegalArgumentException("vector column " + column.getFieldName() + " has no dim");
    }
    return ValueWidth.ofVector(type, column.getDim());
  }

  private static void requireKind(DataType type, PayloadKind kind) {
    if (PayloadKind.forType(type) != kind) {
      throw new IllegalArgumentException(type + " does not travel as " + kind);
    }
  }

  private static Column column(String name, DataType type, Integer dim, Object values) {
    return Column.newBuilder().setFieldName(name).setDataType(type).setDim(dim).setValues(values).build();
  }
}
