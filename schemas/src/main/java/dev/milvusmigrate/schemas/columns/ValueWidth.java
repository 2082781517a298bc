package dev.milvusmigrate.schemas.columns;

import dev.milvusmigrate.schemas.avro.DataType;

/** Bytes one row occupies in a {@code PackedValues} payload. */
public final class ValueWidth {

  private ValueWidth() {}

  /** Width of a fixed-width scalar type; TIMESTAMPTZ is int64 microseconds since the epoch (UTC). */
  public static int ofScalar(DataType type) {
    return switch (type) {
      case BOOL, INT8 -> 1;
      case INT16 -> 2;
      case INT32, FLOAT -> 4;
      case INT64, DOUBLE, TIMESTAMPTZ -> 8;
      default -> throw new IllegalArgumentException(type + " is not a fixed-width scalar type");
    };
  }

  /** Width of one dense vector of {@code dim} dimensions. */
  public static int ofVector(DataType type, int dim) {
    if (dim <= 0) {
      throw new IllegalArgumentException("vector dim must be positive, got " + dim);
    }
    return switch (type) {
      case FLOAT_VECTOR -> Math.multiplyExact(dim, 4);
      case FLOAT16_VECTOR, BFLOAT16_VECTOR -> Math.multiplyExact(dim, 2);
      case INT8_VECTOR -> dim;
      case BINARY_VECTOR -> binaryWidth(dim);
      default -> throw new IllegalArgumentException(type + " is not a dense vector type");
    };
  }

  /** True for the dense vector types, whose width depends on dim. */
  public static boolean isVector(DataType type) {
    return switch (type) {
      case FLOAT_VECTOR, FLOAT16_VECTOR, BFLOAT16_VECTOR, INT8_VECTOR, BINARY_VECTOR -> true;
      default -> false;
    };
  }

  private static int binaryWidth(int dim) {
    if (dim % 8 != 0) {
      throw new IllegalArgumentException("BINARY_VECTOR dim must be a multiple of 8, got " + dim);
    }
    return dim / 8;
  }
}
