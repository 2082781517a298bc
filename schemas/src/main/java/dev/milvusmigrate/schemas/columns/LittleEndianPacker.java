package dev.milvusmigrate.schemas.columns;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Packs primitive arrays into little-endian bytes and back with bulk buffer copies.
 * Returned buffers are positioned at 0; input buffers are read from their position without being moved.
 */
public final class LittleEndianPacker {

  private LittleEndianPacker() {}

  public static ByteBuffer packLongs(long[] values) {
    ByteBuffer out = allocate(values.length, Long.BYTES);
    out.asLongBuffer().put(values);
    return out;
  }

  public static long[] unpackLongs(ByteBuffer packed) {
    long[] values = new long[count(packed, Long.BYTES)];
    view(packed).asLongBuffer().get(values);
    return values;
  }

  public static ByteBuffer packInts(int[] values) {
    ByteBuffer out = allocate(values.length, Integer.BYTES);
    out.asIntBuffer().put(values);
    return out;
  }

  public static int[] unpackInts(ByteBuffer packed) {
    int[] values = new int[count(packed, Integer.BYTES)];
    view(packed).asIntBuffer().get(values);
    return values;
  }

  public static ByteBuffer packShorts(short[] values) {
    ByteBuffer out = allocate(values.length, Short.BYTES);
    out.asShortBuffer().put(values);
    return out;
  }

  public static short[] unpackShorts(ByteBuffer packed) {
    short[] values = new short[count(packed, Short.BYTES)];
    view(packed).asShortBuffer().get(values);
    return values;
  }

  public static ByteBuffer packBytes(byte[] values) {
    return ByteBuffer.wrap(values.clone());
  }

  public static byte[] unpackBytes(ByteBuffer packed) {
    byte[] values = new byte[packed.remaining()];
    view(packed).get(values);
    return values;
  }

  public static ByteBuffer packFloats(float[] values) {
    ByteBuffer out = allocate(values.length, Float.BYTES);
    out.asFloatBuffer().put(values);
    return out;
  }

  public static float[] unpackFloats(ByteBuffer packed) {
    float[] values = new float[count(packed, Float.BYTES)];
    view(packed).asFloatBuffer().get(values);
    return values;
  }

  public static ByteBuffer packDoubles(double[] values) {
    ByteBuffer out = allocate(values.length, Double.BYTES);
    out.asDoubleBuffer().put(values);
    return out;
  }

  public static double[] unpackDoubles(ByteBuffer packed) {
    double[] values = new double[count(packed, Double.BYTES)];
    view(packed).asDoubleBuffer().get(values);
    return values;
  }

  /** One byte per row: 1 for true, 0 for false. */
  public static ByteBuffer packBooleans(boolean[] values) {
    byte[] bytes = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      bytes[i] = values[i] ? (byte) 1 : (byte) 0;
    }
    return ByteBuffer.wrap(bytes);
  }

  public static boolean[] unpackBooleans(ByteBuffer packed) {
    byte[] bytes = unpackBytes(packed);
    boolean[] values = new boolean[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      values[i] = bytes[i] != 0;
    }
    return values;
  }

  static ByteBuffer allocate(int count, int width) {
    return ByteBuffer.allocate(Math.multiplyExact(count, width)).order(ByteOrder.LITTLE_ENDIAN);
  }

  static ByteBuffer view(ByteBuffer packed) {
    return packed.duplicate().order(ByteOrder.LITTLE_ENDIAN);
  }

  static int count(ByteBuffer packed, int width) {
    if (width <= 0) {
      throw new IllegalArgumentException("value width must be positive, got " + width);
    }
    if (packed.remaining() % width != 0) {
      throw new IllegalArgumentException(
          packed.remaining() + " bytes is not a whole number of " + width + "-byte values");
    }
    return packed.remaining() / width;
  }
}
