package dev.milvusmigrate.milvus;

import dev.milvusmigrate.schemas.avro.Column;
import dev.milvusmigrate.schemas.avro.DataType;
import dev.milvusmigrate.schemas.avro.FieldSchema;
import dev.milvusmigrate.schemas.avro.PackedValues;
import dev.milvusmigrate.schemas.avro.StringValues;
import dev.milvusmigrate.schemas.columns.Columns;
import dev.milvusmigrate.schemas.columns.LittleEndianPacker;
import dev.milvusmigrate.schemas.columns.SparseVector;
import dev.milvusmigrate.schemas.columns.SparseVectorCodec;
import dev.milvusmigrate.schemas.columns.ValueWidth;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongFunction;

/** Deterministic column values derived from each row's key; in nullable fields every third row is null. */
final class SampleColumns {

  private SampleColumns() {}

  static List<Column> columns(List<FieldSchema> fields, long[] keys, boolean dynamic) {
    List<Column> columns = new ArrayList<>();
    for (FieldSchema field : fields) {
      if (!field.getIsDynamic()) {
        columns.add(column(field, keys));
      }
    }
    if (dynamic) {
      columns.add(Columns.rowBytes(FieldDataCodec.DYNAMIC_FIELD, DataType.JSON,
          rows(keys, k -> utf8("{\"extra\":" + k + ",\"note\":\"n" + k + "\"}"))));
    }
    return columns;
  }

  static Column column(FieldSchema field, long[] keys) {
    Column column = values(field, keys);
    if (!field.getNullable()) {
      return column;
    }
    boolean[] valid = new boolean[keys.length];
    for (int i = 0; i < keys.length; i++) {
      valid[i] = keys[i] % 3 != 0;
    }
    return Columns.withValidity(blankNullRows(column, valid), valid);
  }

  static long[] keys(long from, int count) {
    long[] keys = new long[count];
    Arrays.setAll(keys, i -> from + i);
    return keys;
  }

  private static Column values(FieldSchema field, long[] keys) {
    String name = field.getName();
    DataType type = field.getDataType();
    if (field.getIsPrimaryKey()) {
      return type == DataType.INT64 ? Columns.scalars(name, type, LittleEndianPacker.packLongs(keys))
          : Columns.strings(name, type, Arrays.stream(keys).mapToObj(SampleColumns::varcharKey).toList());
    }
    return switch (type) {
      case BOOL, INT8, INT16, INT32, INT64, FLOAT, DOUBLE, TIMESTAMPTZ -> Columns.scalars(name, type, packed(type, keys));
      case VARCHAR -> Columns.strings(name, type, strings(keys, k -> "title " + k + " \"q\" \\ é"));
      case GEOMETRY -> Columns.strings(name, type, strings(keys, k -> "POINT (" + k + " 2)"));
      case JSON -> Columns.rowBytes(name, type, rows(keys, k -> utf8("{\"k\":" + k + ",\"s\":\"v" + k + "\"}")));
      case ARRAY -> Columns.arrays(name, field.getElementType(), arrays(field.getElementType(), keys));
      case FLOAT_VECTOR -> Columns.vectors(name, type, field.getDim(), floatVectors(keys, field.getDim()));
      case BINARY_VECTOR, FLOAT16_VECTOR, BFLOAT16_VECTOR, INT8_VECTOR ->
          Columns.vectors(name, type, field.getDim(), rawVectors(keys, ValueWidth.ofVector(type, field.getDim())));
      case SPARSE_FLOAT_VECTOR -> Columns.rowBytes(name, type, rows(keys, k -> SparseVectorCodec.encode(
          new SparseVector(new long[] {k % 50, 100 + k % 7}, new float[] {k * 0.5f + 1, 0.25f}))));
      default -> throw new IllegalArgumentException("no sample values for " + type);
    };
  }

  static String varcharKey(long key) {
    return String.format("key-%08d", key);
  }

  private static ByteBuffer packed(DataType type, long[] keys) {
    ByteBuffer out = ByteBuffer.allocate(keys.length * ValueWidth.ofScalar(type)).order(ByteOrder.LITTLE_ENDIAN);
    for (long k : keys) {
      switch (type) {
        case BOOL -> out.put((byte) (k % 2 == 0 ? 1 : 0));
        case INT8 -> out.put((byte) (k % 100));
        case INT16 -> out.putShort((short) (k * 3));
        case INT32 -> out.putInt((int) k * 7);
        case INT64 -> out.putLong(k * 1_000_003L);
        case FLOAT -> out.putFloat(k * 0.5f);
        case DOUBLE -> out.putDouble(k / 3.0);
        default -> out.putLong(1_700_000_000_000_000L + k * 1_000_000L);
      }
    }
    return out.flip();
  }

  private static List<Object> arrays(DataType elementType, long[] keys) {
    List<Object> rows = new ArrayList<>();
    for (long k : keys) {
      rows.add(switch (elementType) {
        case VARCHAR -> new StringValues(List.of("a" + k, "b"));
        case INT64 -> new PackedValues(LittleEndianPacker.packLongs(new long[] {k, k + 1, -k}));
        case FLOAT -> new PackedValues(LittleEndianPacker.packFloats(new float[] {k * 0.25f}));
        default -> new PackedValues(packed(elementType, new long[] {k, k + 1}));
      });
    }
    return rows;
  }

  private static ByteBuffer floatVectors(long[] keys, int dim) {
    float[][] rows = new float[keys.length][dim];
    for (int i = 0; i < keys.length; i++) {
      for (int d = 0; d < dim; d++) {
        rows[i][d] = keys[i] + d * 0.125f;
      }
    }
    return dev.milvusmigrate.schemas.columns.VectorPacker.packFloatVectors(rows, dim);
  }

  private static ByteBuffer rawVectors(long[] keys, int width) {
    byte[][] rows = new byte[keys.length][width];
    for (int i = 0; i < keys.length; i++) {
      for (int b = 0; b < width; b++) {
        rows[i][b] = (byte) (keys[i] + b);
      }
    }
    return dev.milvusmigrate.schemas.columns.VectorPacker.packFixedWidthRows(rows, width);
  }

  /** Null rows keep their slot with an empty value, as columns require. */
  private static Column blankNullRows(Column column, boolean[] valid) {
    int width = PayloadRows.widthOf(column);
    int[] validRows = java.util.stream.IntStream.range(0, valid.length).filter(i -> valid[i]).toArray();
    Object dense = PayloadRows.select(column.getValues(), width, validRows);
    return Column.newBuilder(column).setValues(PayloadRows.spread(dense, width, valid)).build();
  }

  private static List<String> strings(long[] keys, LongFunction<String> value) {
    return Arrays.stream(keys).mapToObj(value).toList();
  }

  private static List<ByteBuffer> rows(long[] keys, LongFunction<ByteBuffer> value) {
    return Arrays.stream(keys).mapToObj(value).toList();
  }

  private static ByteBuffer utf8(String text) {
    return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
  }
}
