package dev.milvusmigrate.milvus;

import dev.milvusmigrate.schemas.avro.Column;
import dev.milvusmigrate.schemas.avro.FieldSchema;
import dev.milvusmigrate.schemas.columns.ColumnConcatenation;
import dev.milvusmigrate.schemas.columns.Columns;
import dev.milvusmigrate.schemas.columns.NullBitmap;
import io.milvus.grpc.BoolArray;
import io.milvus.grpc.DoubleArray;
import io.milvus.grpc.FieldData;
import io.milvus.grpc.FloatArray;
import io.milvus.grpc.IntArray;
import io.milvus.grpc.JSONArray;
import io.milvus.grpc.LongArray;
import io.milvus.grpc.ScalarField;
import io.milvus.grpc.StringArray;
import io.milvus.grpc.ValueField;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Values the schema supplies where a logged insert has none, as the server itself does: a field's
 * default value, null for a nullable field, an empty object for the dynamic field.
 */
final class FilledColumns {

  private static final ByteBuffer EMPTY_OBJECT = ByteBuffer.wrap("{}".getBytes(StandardCharsets.UTF_8));

  private FilledColumns() {}

  /** Every row the default value. */
  static Column defaults(FieldSchema field, int rows) {
    ValueField value = DefaultValues.toProto(field.getDefaultValue(), field.getDataType());
    FieldData repeated = FieldData.newBuilder().setScalars(repeated(value, rows)).build();
    return FieldDataCodec.toColumn(repeated, ColumnType.of(field));
  }

  /** Every row null. */
  static Column nulls(FieldSchema field, int rows) {
    FieldData noValues = FieldData.newBuilder().addAllValidData(Collections.nCopies(rows, false)).build();
    return FieldDataCodec.toColumn(noValues, ColumnType.of(field));
  }

  /** Every row an empty JSON object. */
  static Column emptyObjects(FieldSchema dynamic, int rows) {
    return Columns.rowBytes(dynamic.getName(), dynamic.getDataType(), Collections.nCopies(rows, EMPTY_OBJECT));
  }

  /** The column with the field's default value in each null row, and no null rows left. */
  static Column defaultsForNulls(Column column, FieldSchema field) {
    int rows = Columns.rowCount(column);
    boolean[] valid = NullBitmap.toValid(column.getValidity(), rows);
    Column values = Column.newBuilder(column).setValidity(null).build();
    Column both = ColumnConcatenation.of(List.of(values, defaults(field, rows)));
    int[] picks = IntStream.range(0, rows).map(row -> valid[row] ? row : rows + row).toArray();
    return PayloadRows.select(both, picks);
  }

  private static ScalarField repeated(ValueField value, int rows) {
    ScalarField.Builder scalars = ScalarField.newBuilder();
    return switch (value.getDataCase()) {
      case BOOL_DATA -> scalars.setBoolData(BoolArray.newBuilder().addAllData(copies(value.getBoolData(), rows))).build();
      case INT_DATA -> scalars.setIntData(IntArray.newBuilder().addAllData(copies(value.getIntData(), rows))).build();
      case LONG_DATA -> scalars.setLongData(LongArray.newBuilder().addAllData(copies(value.getLongData(), rows))).build();
      case FLOAT_DATA -> scalars.setFloatData(FloatArray.newBuilder().addAllData(copies(value.getFloatData(), rows)))
          .build();
      case DOUBLE_DATA -> scalars.setDoubleData(DoubleArray.newBuilder()
          .addAllData(copies(value.getDoubleData(), rows))).build();
      case STRING_DATA -> scalars.setStringData(StringArray.newBuilder()
          .addAllData(copies(value.getStringData(), rows))).build();
      case BYTES_DATA -> scalars.setJsonData(JSONArray.newBuilder().addAllData(copies(value.getBytesData(), rows)))
          .build();
      default -> throw new IllegalArgumentException("a default value of kind " + value.getDataCase()
          + " cannot fill a column");
    };
  }

  private static <T> List<T> copies(T value, int rows) {
    return Collections.nCopies(rows, value);
  }
}
