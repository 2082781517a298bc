package dev.milvusmigrate.milvus;

import dev.milvusmigrate.schemas.avro.DataType;
import dev.milvusmigrate.schemas.avro.FieldSchema;
import dev.milvusmigrate.schemas.columns.ValueWidth;
import io.milvus.grpc.FieldData;

/**
 * The type facts a {@link FieldData} is decoded with: taken from the data itself for a server's
 * query answer, from the collection's schema for a client's write as the source logged it.
 *
 * @param elementType of an ARRAY column, else null
 * @param dim of a dense vector column, else null
 */
record ColumnType(String name, DataType type, DataType elementType, Integer dim) {

  /** What the data says of itself (servers fill it in their answers). */
  static ColumnType of(FieldData data) {
    DataType type = DataTypes.toAvro(data.getType());
    DataType elementType = type == DataType.ARRAY
        ? DataTypes.toAvro(data.getScalars().getArrayData().getElementType()) : null;
    Integer dim = ValueWidth.isVector(type) ? (int) data.getVectors().getDim() : null;
    return new ColumnType(data.getIsDynamic() ? FieldDataCodec.DYNAMIC_FIELD : data.getFieldName(), type,
        elementType, dim);
  }

  /** What the collection's schema says of the field. */
  static ColumnType of(FieldSchema field) {
    Integer dim = ValueWidth.isVector(field.getDataType()) ? field.getDim() : null;
    return new ColumnType(field.getName(), field.getDataType(), field.getElementType(), dim);
  }

  boolean isVector() {
    return ValueWidth.isVector(type) || type == DataType.SPARSE_FLOAT_VECTOR;
  }
}
