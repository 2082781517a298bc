package dev.milvusmigrate.schemas.columns;

import java.nio.ByteBuffer;
import java.nio.FloatBuffer;

/** Packs dense vectors row after row into one little-endian buffer and back. */
public final class VectorPacker {

  private VectorPacker() {}

  public static ByteBuffer packFloatVectors(float[][] rows, int dim) {
    ByteBuffer out = LittleEndianPacker.allocate(Math.multiplyExact(rows.length, dim), Float.BYTES);
    FloatBuffer floats = out.asFloatBuffer();
    for (int i = 0; i < rows.length; i++) {
      checkLength(i, rows[i].length, dim);
      floats.put(rows[i]);
    }
    return out;
  }

  public static float[][] unpackFloatVectors(ByteBuffer packed, int dim) {
    FloatBuffer floats = LittleEndianPacker.view(packed).asFloatBuffer();
    float[][] rows = new float[LittleEndianPacker.count(packed, Math.multiplyExact(dim, Float.BYTES))][dim];
    for (float[] row : rows) {
      floats.get(row);
    }
    return rows;
  }

  /** Binary, float16, bfloat16 and int8 vectors: raw bytes of {@code width} per row (see {@link ValueWidth}). */
  public static ByteBuffer packFixedWidthRows(byte[][] rows, int width) {
    ByteBuffer out = LittleEndianPacker.allocate(rows.length, width);
    for (int i = 0; i < rows.length; i++) {
      checkLength(i, rows[i].length, width);
      out.put(rows[i]);
    }
    return out.flip();
  }

  public static byte[][] unpackFixedWidthRows(ByteBuffer packed, int width) {
    ByteBuffer in = LittleEndianPacker.view(packed);
    byte[][] rows = new byte[LittleEndianPacker.count(packed, width)][width];
    for (byte[] row : rows) {
      in.get(row);
    }
    return rows;
  }

  private static void checkLength(int row, int actual, int expected) {
    if (actual != expected) {
      throw new IllegalArgumentException("row " + row + " has length " + actual + ", expected " + expected);
    }
  }
}
