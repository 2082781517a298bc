package dev.milvusmigrate.milvus;

import dev.milvusmigrate.schemas.avro.CollectionSchema;
import dev.milvusmigrate.schemas.avro.DataType;
import io.milvus.grpc.FieldData;
import io.milvus.grpc.ScalarField;
import io.milvus.grpc.VectorField;
import java.util.Set;

/**
 * What a logged column says of its own type, held against the schema. Unset facts (type,
 * element type, dimension, payload of an empty row) are fine: the schema supplies them. A fact
 * that is set must agree, and the payload must be the one the schema's type is carried in, since
 * reading another one would yield empty values rather than an error.
 */
final class LoggedFieldCheck {

  private final CollectionSchema schema;

  LoggedFieldCheck(CollectionSchema schema) {
    this.schema = schema;
  }

  void requireFits(FieldData data, ColumnType column) {
    DataType loggedType = DataTypes.toAvro(data.getType());
    if (data.getType() != io.milvus.grpc.DataType.None && loggedType != column.type()) {
      throw mismatch(column, "the record says " + data.getType());
    }
    requirePayload(column, column.type(), payloadOf(data));
    if (column.type() == DataType.ARRAY) {
      requireElements(data.getScalars().getArrayData(), column);
    }
    if (column.dim() != null && data.getVectors().getDim() != 0 && data.getVectors().getDim() != column.dim()) {
      throw new SchemaMismatch(schema, "field '" + column.name() + "' has dimension " + column.dim()
          + " in the schema but " + data.getVectors().getDim() + " in the record");
    }
  }

  private void requireElements(io.milvus.grpc.ArrayArray arrays, ColumnType column) {
    if (arrays.getElementType() != io.milvus.grpc.DataType.None
        && DataTypes.toAvro(arrays.getElementType()) != column.elementType()) {
      throw mismatch(column, "the record says its elements are " + arrays.getElementType());
    }
    for (ScalarField row : arrays.getDataList()) {
      requirePayload(column, column.elementType(), row.getDataCase() == ScalarField.DataCase.DATA_NOT_SET ? null
          : row.getDataCase());
    }
  }

  private void requirePayload(ColumnType column, DataType type, Enum<?> payload) {
    if (payload != null && !payloadsOf(type).contains(payload)) {
      throw mismatch(column, "the record carries its values as " + payload);
    }
  }

  private SchemaMismatch mismatch(ColumnType column, String logged) {
    return new SchemaMismatch(schema, "field '" + column.name() + "' is "
        + SchemaMismatch.typeName(column.type(), column.elementType()) + " in the schema but " + logged);
  }

  /** The payload the data carries, or null when it carries none (an empty or all-null column). */
  private static Enum<?> payloadOf(FieldData data) {
    return switch (data.getFieldCase()) {
      case SCALARS -> data.getScalars().getDataCase() == ScalarField.DataCase.DATA_NOT_SET ? null
          : data.getScalars().getDataCase();
      case VECTORS -> data.getVectors().getDataCase() == VectorField.DataCase.DATA_NOT_SET ? null
          : data.getVectors().getDataCase();
      default -> null;
    };
  }

  /** Where Milvus carries the values of each type (TIMESTAMPTZ also as text, as Milvus Lite answers it). */
  private static Set<Enum<?>> payloadsOf(DataType type) {
    return switch (type) {
      case BOOL -> Set.of(ScalarField.DataCase.BOOL_DATA);
      case INT8, INT16, INT32 -> Set.of(ScalarField.DataCase.INT_DATA);
      case INT64 -> Set.of(ScalarField.DataCase.LONG_DATA);
      case FLOAT -> Set.of(ScalarField.DataCase.FLOAT_DATA);
      case DOUBLE -> Set.of(ScalarField.DataCase.DOUBLE_DATA);
      case VARCHAR, STRING -> Set.of(ScalarField.DataCase.STRING_DATA);
      case JSON -> Set.of(ScalarField.DataCase.JSON_DATA);
      case ARRAY -> Set.of(ScalarField.DataCase.ARRAY_DATA);
      case GEOMETRY -> Set.of(ScalarField.DataCase.GEOMETRY_WKT_DATA, ScalarField.DataCase.GEOMETRY_DATA);
      case TIMESTAMPTZ -> Set.of(ScalarField.DataCase.TIMESTAMPTZ_DATA, ScalarField.DataCase.STRING_DATA);
      case FLOAT_VECTOR -> Set.of(VectorField.DataCase.FLOAT_VECTOR);
      case BINARY_VECTOR -> Set.of(VectorField.DataCase.BINARY_VECTOR);
      case FLOAT16_VECTOR -> Set.of(VectorField.DataCase.FLOAT16_VECTOR);
      case BFLOAT16_VECTOR -> Set.of(VectorField.DataCase.BFLOAT16_VECTOR);
      case INT8_VECTOR -> Set.of(VectorField.DataCase.INT8_VECTOR);
      case SPARSE_FLOAT_VECTOR -> Set.of(VectorField.DataCase.SPARSE_FLOAT_VECTOR);
      case UNKNOWN -> Set.of();
    };
  }
}
