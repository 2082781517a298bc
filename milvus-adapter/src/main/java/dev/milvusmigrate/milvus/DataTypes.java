package dev.milvusmigrate.milvus;

import dev.milvusmigrate.schemas.avro.DataType;

/** Maps the project's {@link DataType} to Milvus's protobuf data type and back. */
final class DataTypes {

  private DataTypes() {}

  static io.milvus.grpc.DataType toProto(DataType type) {
    return switch (type) {
      case BOOL -> io.milvus.grpc.DataType.Bool;
      case INT8 -> io.milvus.grpc.DataType.Int8;
      case INT16 -> io.milvus.grpc.DataType.Int16;
      case INT32 -> io.milvus.grpc.DataType.Int32;
      case INT64 -> io.milvus.grpc.DataType.Int64;
      case FLOAT -> io.milvus.grpc.DataType.Float;
      case DOUBLE -> io.milvus.grpc.DataType.Double;
      case VARCHAR -> io.milvus.grpc.DataType.VarChar;
      case STRING -> io.milvus.grpc.DataType.String;
      case JSON -> io.milvus.grpc.DataType.JSON;
      case ARRAY -> io.milvus.grpc.DataType.Array;
      case GEOMETRY -> io.milvus.grpc.DataType.Geometry;
      case TIMESTAMPTZ -> io.milvus.grpc.DataType.Timestamptz;
      case FLOAT_VECTOR -> io.milvus.grpc.DataType.FloatVector;
      case BINARY_VECTOR -> io.milvus.grpc.DataType.BinaryVector;
      case FLOAT16_VECTOR -> io.milvus.grpc.DataType.Float16Vector;
      case BFLOAT16_VECTOR -> io.milvus.grpc.DataType.BFloat16Vector;
      case SPARSE_FLOAT_VECTOR -> io.milvus.grpc.DataType.SparseFloatVector;
      case INT8_VECTOR -> io.milvus.grpc.DataType.Int8Vector;
      case UNKNOWN -> throw new IllegalArgumentException("data type UNKNOWN cannot be sent to Milvus");
    };
  }

  /** The project's type, or {@link DataType#UNKNOWN} for a Milvus type the project does not carry. */
  static DataType toAvro(io.milvus.grpc.DataType type) {
    return switch (type) {
      case Bool -> DataType.BOOL;
      case Int8 -> DataType.INT8;
      case Int16 -> DataType.INT16;
      case Int32 -> DataType.INT32;
      case Int64 -> DataType.INT64;
      case Float -> DataType.FLOAT;
      case Double -> DataType.DOUBLE;
      case VarChar -> DataType.VARCHAR;
      case String -> DataType.STRING;
      case JSON -> DataType.JSON;
      case Array -> DataType.ARRAY;
      case Geometry -> DataType.GEOMETRY;
      case Timestamptz -> DataType.TIMESTAMPTZ;
      case FloatVector -> DataType.FLOAT_VECTOR;
      case BinaryVector -> DataType.BINARY_VECTOR;
      case Float16Vector -> DataType.FLOAT16_VECTOR;
      case BFloat16Vector -> DataType.BFLOAT16_VECTOR;
      case SparseFloatVector -> DataType.SPARSE_FLOAT_VECTOR;
      case Int8Vector -> DataType.INT8_VECTOR;
      default -> DataType.UNKNOWN;
    };
  }
}
