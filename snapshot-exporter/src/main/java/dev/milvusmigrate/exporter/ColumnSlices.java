package dev.milvusmigrate.exporter;

import dev.milvusmigrate.schemas.avro.ArrayValues;
import dev.milvusmigrate.schemas.avro.Column;
import dev.milvusmigrate.schemas.avro.DataType;
import dev.milvusmigrate.schemas.avro.PackedValues;
import dev.milvusmigrate.schemas.avro.RowBytesValues;
import dev.milvusmigrate.schemas.avro.StringValues;
import dev.milvusmigrate.schemas.columns.NullBitmap;
import dev.milvusmigrate.schemas.columns.ValueWidth;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Row ranges of columns, and columns joined end to end, in every payload kind. */
final class ColumnSlices {

  private ColumnSlices() {}

  /** A range of rows of one column of a page. */
  record Range(Column column, int from, int to) {
    int rows() {
      return to - from;
    }
  }

  /** One column holding the rows of every range, in order; all ranges are of the same field. */
  static Column concat(List<Range> ranges) {
    Column first = ranges.get(0).column();
    Object values = concatValues(first, ranges);
    return Column.newBuilder().setFieldName(first.getFieldName()).setDataType(first.getDataType())
        .setDim(first.getDim()).setValidity(concatValidity(ranges)).setValues(values).build();
  }

  private static Object concatValues(Column first, List<Range> ranges) {
    Object payload = first.getValues();
    if (payload instanceof PackedValues) {
      return concatPacked(ranges, width(first));
    }
    if (payload instanceof StringValues) {
      return new StringValues(concatLists(ranges, c -> ((StringValues) c.getValues()).getValues()));
    }
    if (payload instanceof RowBytesValues) {
      return new RowBytesValues(concatLists(ranges, c -> ((RowBytesValues) c.getValues()).getRows()));
    }
    return new ArrayValues(((ArrayValues) payload).getElementType(),
        concatLists(ranges, c -> ((ArrayValues) c.getValues()).getRows()));
  }

  /** Bytes one row takes in a packed payload of this column. */
  static int width(Column column) {
    DataType type = column.getDataType();
    return ValueWidth.isVector(type) ? ValueWidth.ofVector(type, column.getDim()) : ValueWidth.ofScalar(type);
  }

  private static PackedValues concatPacked(List<Range> ranges, int width) {
    int total = ranges.stream().mapToInt(Range::rows).sum();
    ByteBuffer joined = ByteBuffer.allocate(Math.multiplyExact(total, width));
    for (Range range : ranges) {
      ByteBuffer data = ((PackedValues) range.column().getValues()).getData().duplicate();
      int start = data.position() + range.from() * width;
      data.limit(start + range.rows() * width).position(start);
      joined.put(data);
    }
    return new PackedValues(joined.flip());
  }

  private static <T> List<T> concatLists(List<Range> ranges, Function<Column, List<T>> rowsOf) {
    List<T> joined = new ArrayList<>(ranges.stream().mapToInt(Range::rows).sum());
    for (Range range : ranges) {
      joined.addAll(rowsOf.apply(range.column()).subList(range.from(), range.to()));
    }
    return joined;
  }

  private static ByteBuffer concatValidity(List<Range> ranges) {
    if (ranges.stream().allMatch(range -> range.column().getValidity() == null)) {
      return null;
    }
    boolean[] valid = new boolean[ranges.stream().mapToInt(Range::rows).sum()];
    int row = 0;
    for (Range range : ranges) {
      ByteBuffer bitmap = range.column().getValidity();
      for (int i = range.from(); i < range.to(); i++) {
        valid[row++] = NullBitmap.isValid(bitmap, i);
      }
    }
    return NullBitmap.fromValid(valid);
  }
}
