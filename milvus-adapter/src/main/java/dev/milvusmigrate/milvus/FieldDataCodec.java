package dev.milvusmigrate.milvus;

import dev.milvusmigrate.schemas.avro.Column;
import dev.milvusmigrate.schemas.avro.DataType;
import dev.milvusmigrate.schemas.columns.Columns;
import dev.milvusmigrate.schemas.columns.NullBitmap;
import dev.milvusmigrate.schemas.columns.ValueWidth;
import io.milvus.grpc.FieldData;
import java.util.stream.IntStream;

/**
 * Milvus {@link FieldData} to the project's {@link Column} and back, for every data type. Milvus
 * sends the values of nullable fields densely (null rows left out, {@code valid_data} marking
 * them); a column keeps a slot per row. The dynamic field travels as the JSON column {@code $meta}.
 */
final class FieldDataCodec {

  static final String DYNAMIC_FIELD = "$meta";

  private FieldDataCodec() {}

  /** The column of a server's answer, typed by what the data says of itself. */
  static Column toColumn(FieldData data) {
    return toColumn(data, ColumnType.of(data));
  }

  /** The column of {@code data} read as {@code column} says, whatever types the data itself names. */
  static Column toColumn(FieldData data, ColumnType column) {
    DataType type = column.type();
    Object payload = column.isVector()
        ? VectorCodec.toPayload(data.getVectors(), type)
        : ScalarCodec.toPayload(data.getScalars(), type, column.elementType());
    Column dense = Column.newBuilder().setFieldName(column.name()).setDataType(type).setDim(column.dim())
        .setValues(payload).build();
    if (data.getValidDataCount() == 0) {
      return dense;
    }
    boolean[] valid = validity(data);
    int width = PayloadRows.widthOf(dense);
    // Servers differ: some send only the valid rows, some a placeholder (0, "", "null") per null row.
    Object validRows = Columns.rowCount(dense) == valid.length ? PayloadRows.select(payload, width, validIndexes(valid))
        : payload;
    Object slotted = PayloadRows.spread(validRows, width, valid);
    return Column.newBuilder(dense).setValues(slotted).setValidity(NullBitmap.fromValid(valid)).build();
  }

  static FieldData toFieldData(Column column) {
    DataType type = column.getDataType();
    FieldData.Builder data = FieldData.newBuilder()
        .setType(DataTypes.toProto(type))
        .setFieldName(column.getFieldName())
        .setIsDynamic(DYNAMIC_FIELD.equals(column.getFieldName()));
    Object payload = column.getValues();
    if (column.getValidity() != null) {
      boolean[] valid = NullBitmap.toValid(column.getValidity(), Columns.rowCount(column));
      for (boolean v : valid) {
        data.addValidData(v);
      }
      payload = PayloadRows.select(payload, PayloadRows.widthOf(column), validIndexes(valid));
    }
    if (ValueWidth.isVector(type) || type == DataType.SPARSE_FLOAT_VECTOR) {
      return data.setVectors(VectorCodec.toVectorField(payload, type, column.getDim())).build();
    }
    return data.setScalars(ScalarCodec.toScalarField(payload, type)).build();
  }

  private static int[] validIndexes(boolean[] valid) {
    return IntStream.range(0, valid.length).filter(row -> valid[row]).toArray();
  }

  private static boolean[] validity(FieldData data) {
    boolean[] valid = new boolean[data.getValidDataCount()];
    for (int i = 0; i < valid.length; i++) {
      valid[i] = data.getValidData(i);
    }
    return valid;
  }
}
