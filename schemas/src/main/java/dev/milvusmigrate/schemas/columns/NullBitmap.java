package dev.milvusmigrate.schemas.columns;

import java.nio.ByteBuffer;

/**
 * Column validity: bit i set means row i is non-null. Row i lives in byte i / 8 at bit i % 8,
 * least significant bit first. A null bitmap means every row is non-null.
 */
public final class NullBitmap {

  private NullBitmap() {}

  /** The bitmap of {@code valid}, or null when every row is valid. */
  public static ByteBuffer fromValid(boolean[] valid) {
    byte[] bits = new byte[(valid.length + 7) / 8];
    boolean anyNull = false;
    for (int row = 0; row < valid.length; row++) {
      if (valid[row]) {
        bits[row >>> 3] |= (byte) (1 << (row & 7));
      } else {
        anyNull = true;
      }
    }
    return anyNull ? ByteBuffer.wrap(bits) : null;
  }

  public static boolean isValid(ByteBuffer bitmap, int row) {
    if (bitmap == null) {
      return true;
    }
    int index = bitmap.position() + (row >>> 3);
    if (row < 0 || index >= bitmap.limit()) {
      throw new IndexOutOfBoundsException("row " + row + " is outside a bitmap of " + bitmap.remaining() + " bytes");
    }
    return (bitmap.get(index) & (1 << (row & 7))) != 0;
  }

  public static boolean[] toValid(ByteBuffer bitmap, int rowCount) {
    boolean[] valid = new boolean[rowCount];
    for (int row = 0; row < rowCount; row++) {
      valid[row] = isValid(bitmap, row);
    }
    return valid;
  }
}
