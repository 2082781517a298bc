package dev.milvusmigrate.milvus;

import dev.milvusmigrate.schemas.avro.ArrayValues;
import dev.milvusmigrate.schemas.avro.Column;
import dev.milvusmigrate.schemas.avro.DataType;
import dev.milvusmigrate.schemas.avro.PackedValues;
import dev.milvusmigrate.schemas.avro.RowBytesValues;
import dev.milvusmigrate.schemas.avro.StringValues;
import dev.milvusmigrate.schemas.columns.NullBitmap;
import dev.milvusmigrate.schemas.columns.PayloadKind;
import dev.milvusmigrate.schemas.columns.ValueWidth;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Row-level operations on column payloads of any kind: picking rows by index (to sort a page or
 * to drop null rows) and spreading dense values back into a slot per row (null rows empty).
 */
final class PayloadRows {

  private PayloadRows() {}

  /**
   * The column with only the rows at {@code rows}, in that order; validity follows. Costs what the
   * selected rows weigh: capture takes every row of a logged insert this way, one at a time, so
   * nothing here may copy or scan the whole column (Avro's {@code Column.newBuilder(column)} copies
   * every value).
   */
  static Column select(Column column, int[] rows) {
    Column.Builder builder = Column.newBuilder().setFieldName(column.getFieldName())
        .setDataType(column.getDataType()).setDim(column.getDim())
        .setValues(select(column.getValues(), widthOf(column), rows));
    if (column.getValidity() != null) {
      boolean[] picked = new boolean[rows.length];
      for (int i = 0; i < rows.length; i++) {
        picked[i] = NullBitmap.isValid(column.getValidity(), rows[i]);
      }
      builder.setValidity(NullBitmap.fromValid(picked));
    }
    return builder.build();
  }

  /** Payload with the rows at {@code rows}; {@code width} is the packed row width (unused otherwise). */
  static Object select(Object payload, int width, int[] rows) {
    if (payload instanceof PackedValues packed) {
      ByteBuffer in = packed.getData();
      ByteBuffer out = ByteBuffer.allocate(rows.length * width);
      for (int row : rows) {
        out.put(in.duplicate().position(in.position() + row * width).limit(in.position() + (row + 1) * width));
      }
      return new PackedValues(out.flip());
    }
    if (payload instanceof StringValues strings) {
      return new StringValues(pick(strings.getValues(), rows));
    }
    if (payload instanceof RowBytesValues bytes) {
      return new RowBytesValues(pick(bytes.getRows(), rows));
    }
    ArrayValues arrays = (ArrayValues) payload;
    return new ArrayValues(arrays.getElementType(), pick(arrays.getRows(), rows));
  }

  /** Places the dense rows of {@code payload} at the valid slots; null slots get an empty value. */
  static Object spread(Object payload, int width, boolean[] valid) {
    int[] denseIndexOfSlot = new int[valid.length];
    int next = 0;
    for (int slot = 0; slot < valid.length; slot++) {
      denseIndexOfSlot[slot] = valid[slot] ? next++ : -1;
    }
    if (payload instanceof PackedValues packed) {
      ByteBuffer in = packed.getData();
      ByteBuffer out = ByteBuffer.allocate(valid.length * width);
      for (int slot = 0; slot < valid.length; slot++) {
        int dense = denseIndexOfSlot[slot];
        if (dense >= 0) {
          out.position(slot * width).put(in.duplicate().position(in.position() + dense * width)
              .limit(in.position() + (dense + 1) * width));
        }
      }
      return new PackedValues(out.clear());
    }
    if (payload instanceof StringValues strings) {
      return new StringValues(spread(strings.getValues(), denseIndexOfSlot, ""));
    }
    if (payload instanceof RowBytesValues bytes) {
      return new RowBytesValues(spread(bytes.getRows(), denseIndexOfSlot, ByteBuffer.allocate(0)));
    }
    ArrayValues arrays = (ArrayValues) payload;
    Object empty = PayloadKind.forType(arrays.getElementType()) == PayloadKind.STRINGS
        ? new StringValues(List.of()) : new PackedValues(ByteBuffer.allocate(0));
    return new ArrayValues(arrays.getElementType(), spread(arrays.getRows(), denseIndexOfSlot, empty));
  }

  /** Packed row width of the column, or 0 when its payload is not packed. */
  static int widthOf(Column column) {
    DataType type = column.getDataType();
    if (ValueWidth.isVector(type)) {
      return ValueWidth.ofVector(type, column.getDim());
    }
    return column.getValues() instanceof PackedValues ? ValueWidth.ofScalar(type) : 0;
  }

  private static <T> List<T> pick(List<T> values, int[] rows) {
    List<T> out = new ArrayList<>(rows.length);
    for (int row : rows) {
      out.add(values.get(row));
    }
    return out;
  }

  private static <T> List<T> spread(List<? extends T> denseValues, int[] denseIndexOfSlot, T empty) {
    List<T> out = new ArrayList<>(denseIndexOfSlot.length);
    for (int dense : denseIndexOfSlot) {
      out.add(dense >= 0 ? denseValues.get(dense) : empty);
    }
    return out;
  }
}
