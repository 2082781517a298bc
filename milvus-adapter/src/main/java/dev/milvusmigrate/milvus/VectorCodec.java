package dev.milvusmigrate.milvus;

import com.google.protobuf.ByteString;
import dev.milvusmigrate.schemas.avro.DataType;
import dev.milvusmigrate.schemas.avro.PackedValues;
import dev.milvusmigrate.schemas.avro.RowBytesValues;
import dev.milvusmigrate.schemas.columns.SparseVectorCodec;
import io.milvus.grpc.FloatArray;
import io.milvus.grpc.SparseFloatArray;
import io.milvus.grpc.VectorField;
import java.nio.ByteBuffer;

/**
 * Milvus {@link VectorField}s to the project's column payloads and back. Dense vectors are raw
 * little-endian bytes on both sides; a sparse row is the same uint32 index + float32 value
 * sequence Milvus uses in {@code SparseFloatArray.contents}.
 */
final class VectorCodec {

  private VectorCodec() {}

  static Object toPayload(VectorField field, DataType type) {
    return switch (type) {
      case FLOAT_VECTOR -> packFloats(field.getFloatVector());
      case BINARY_VECTOR -> packed(field.getBinaryVector());
      case FLOAT16_VECTOR -> packed(field.getFloat16Vector());
      case BFLOAT16_VECTOR -> packed(field.getBfloat16Vector());
      case INT8_VECTOR -> packed(field.getInt8Vector());
      case SPARSE_FLOAT_VECTOR -> new RowBytesValues(ScalarCodec.byteRows(field.getSparseFloatVector().getContentsList()));
      default -> throw new IllegalArgumentException(type + " is not a vector type");
    };
  }

  static VectorField toVectorField(Object payload, DataType type, Integer dim) {
    VectorField.Builder field = VectorField.newBuilder();
    return switch (type) {
      case FLOAT_VECTOR -> field.setDim(dim).setFloatVector(ScalarCodec.unpackFloats(ScalarCodec.packed(payload))).build();
      case BINARY_VECTOR -> field.setDim(dim).setBinaryVector(bytes(payload)).build();
      case FLOAT16_VECTOR -> field.setDim(dim).setFloat16Vector(bytes(payload)).build();
      case BFLOAT16_VECTOR -> field.setDim(dim).setBfloat16Vector(bytes(payload)).build();
      case INT8_VECTOR -> field.setDim(dim).setInt8Vector(bytes(payload)).build();
      case SPARSE_FLOAT_VECTOR -> sparse((RowBytesValues) payload);
      default -> throw new IllegalArgumentException(type + " is not a vector type");
    };
  }

  /** Milvus wants the batch's dimension: one more than the largest index of any row. */
  private static VectorField sparse(RowBytesValues rows) {
    long dim = 0;
    for (ByteBuffer row : rows.getRows()) {
      for (long index : SparseVectorCodec.decode(row).indices()) {
        dim = Math.max(dim, index + 1);
      }
    }
    SparseFloatArray contents = SparseFloatArray.newBuilder()
        .addAllContents(ScalarCodec.byteStrings(rows)).setDim(dim).build();
    return VectorField.newBuilder().setDim(dim).setSparseFloatVector(contents).build();
  }

  private static PackedValues packFloats(FloatArray values) {
    ByteBuffer out = ScalarCodec.allocate(values.getDataCount() * Float.BYTES);
    for (int i = 0; i < values.getDataCount(); i++) {
      out.putFloat(values.getData(i));
    }
    return new PackedValues(out.flip());
  }

  private static PackedValues packed(ByteString bytes) {
    return new PackedValues(ByteBuffer.wrap(bytes.toByteArray()));
  }

  private static ByteString bytes(Object payload) {
    return ByteString.copyFrom(ScalarCodec.packed(payload));
  }
}
