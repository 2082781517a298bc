package dev.milvusmigrate.schemas.columns;

import dev.milvusmigrate.schemas.avro.DataType;

/** Which payload record carries the values of each data type. */
public enum PayloadKind {
  /** {@code PackedValues}: fixed-width values, little-endian, one slot per row. */
  PACKED,
  /** {@code StringValues}: one string per row. */
  STRINGS,
  /** {@code RowBytesValues}: one byte value per row (JSON text or sparse vector). */
  ROW_BYTES,
  /** {@code ArrayValues}: one nested payload per row. */
  ARRAYS;

  public static PayloadKind forType(DataType type) {
    return switch (type) {
      case VARCHAR, STRING, GEOMETRY -> STRINGS;
      case JSON, SPARSE_FLOAT_VECTOR -> ROW_BYTES;
      case ARRAY -> ARRAYS;
      case UNKNOWN -> throw new IllegalArgumentException("data type UNKNOWN has no payload: written by a newer schema");
      default -> PACKED;
    };
  }
}
