package dev.milvusmigrate.milvus;

import com.google.protobuf.ByteString;
import io.milvus.grpc.ArrayArray;
import io.milvus.grpc.BoolArray;
import io.milvus.grpc.DataType;
import io.milvus.grpc.DoubleArray;
import io.milvus.grpc.FieldData;
import io.milvus.grpc.FloatArray;
import io.milvus.grpc.IntArray;
import io.milvus.grpc.JSONArray;
import io.milvus.grpc.LongArray;
import io.milvus.grpc.ScalarField;
import io.milvus.grpc.StringArray;
import io.milvus.grpc.VectorField;
import java.util.List;

/**
 * Logged field data shaped as pymilvus 3.0.2 fills it ({@code Prepare.row_insert_param}, {@code
 * entity_helper}) and Milvus 2.3.5 passes it on: field name and type, never a field id; an ARRAY
 * with no element type and an empty row as a {@code ScalarField} with no payload at all; the
 * dynamic field {@code $meta} flagged dynamic.
 */
final class PyMilvusFieldData {

  private PyMilvusFieldData() {}

  static FieldData longs(String name, Long... values) {
    return scalar(name, DataType.Int64, ScalarField.newBuilder().setLongData(LongArray.newBuilder()
        .addAllData(List.of(values))));
  }

  static FieldData ints(String name, DataType type, Integer... values) {
    return scalar(name, type, ScalarField.newBuilder().setIntData(IntArray.newBuilder().addAllData(List.of(values))));
  }

  static FieldData strings(String name, String... values) {
    return scalar(name, DataType.VarChar, ScalarField.newBuilder().setStringData(StringArray.newBuilder()
        .addAllData(List.of(values))));
  }

  static FieldData json(String name, String... values) {
    JSONArray.Builder rows = JSONArray.newBuilder();
    for (String value : values) {
      rows.addData(ByteString.copyFromUtf8(value));
    }
    return scalar(name, DataType.JSON, ScalarField.newBuilder().setJsonData(rows));
  }

  static FieldData dynamic(String... values) {
    return json("$meta", values).toBuilder().setIsDynamic(true).build();
  }

  /** An ARRAY column without element type, as pymilvus sends it; rows built by {@link #row}. */
  static FieldData array(String name, ScalarField... rows) {
    return scalar(name, DataType.Array, ScalarField.newBuilder().setArrayData(ArrayArray.newBuilder()
        .addAllData(List.of(rows))));
  }

  /** One array row; pymilvus leaves an empty list's payload unset. */
  static ScalarField row(io.milvus.grpc.DataType elementType, List<?> values) {
    ScalarField.Builder row = ScalarField.newBuilder();
    if (values.isEmpty()) {
      return row.build();
    }
    return switch (elementType) {
      case Bool -> row.setBoolData(BoolArray.newBuilder().addAllData(cast(values))).build();
      case Int8, Int16, Int32 -> row.setIntData(IntArray.newBuilder().addAllData(cast(values))).build();
      case Int64 -> row.setLongData(LongArray.newBuilder().addAllData(cast(values))).build();
      case Float -> row.setFloatData(FloatArray.newBuilder().addAllData(cast(values))).build();
      case Double -> row.setDoubleData(DoubleArray.newBuilder().addAllData(cast(values))).build();
      case VarChar -> row.setStringData(StringArray.newBuilder().addAllData(cast(values))).build();
      default -> throw new IllegalArgumentException(elementType + " arrays are not built here");
    };
  }

  static FieldData floatVectors(String name, long dim, Float... values) {
    return FieldData.newBuilder().setFieldName(name).setType(DataType.FloatVector)
        .setVectors(VectorField.newBuilder().setDim(dim).setFloatVector(FloatArray.newBuilder()
            .addAllData(List.of(values)))).build();
  }

  private static FieldData scalar(String name, DataType type, ScalarField.Builder values) {
    return FieldData.newBuilder().setFieldName(name).setType(type).setScalars(values).build();
  }

  @SuppressWarnings("unchecked")
  private static <T> Iterable<T> cast(List<?> values) {
    return (Iterable<T>) values;
  }
}
