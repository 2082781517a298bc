package dev.milvusmigrate.schemas.columns;

import java.nio.ByteBuffer;

/**
 * Milvus's own sparse row format: for every non-zero entry, its index as uint32 little-endian
 * followed by its value as float32 little-endian; entries keep the order they were given in.
 */
public final class SparseVectorCodec {

  private static final int ENTRY_BYTES = Integer.BYTES + Float.BYTES;
  private static final long MAX_INDEX = 0xFFFF_FFFEL;

  private SparseVectorCodec() {}

  public static ByteBuffer encode(SparseVector vector) {
    long[] indices = vector.indices();
    float[] values = vector.values();
    ByteBuffer out = LittleEndianPacker.allocate(indices.length, ENTRY_BYTES);
    for (int i = 0; i < indices.length; i++) {
      out.putInt(toUint32(indices[i])).putFloat(values[i]);
    }
    return out.flip();
  }

  public static SparseVector decode(ByteBuffer row) {
    ByteBuffer in = LittleEndianPacker.view(row);
    int count = LittleEndianPacker.count(row, ENTRY_BYTES);
    long[] indices = new long[count];
    float[] values = new float[count];
    for (int i = 0; i < count; i++) {
      indices[i] = Integer.toUnsignedLong(in.getInt());
      values[i] = in.getFloat();
    }
    return new SparseVector(indices, values);
  }

  private static int toUint32(long index) {
    if (index < 0 || index > MAX_INDEX) {
      throw new IllegalArgumentException("sparse index " + index + " is outside [0, " + MAX_INDEX + "]");
    }
    return (int) index;
  }
}
