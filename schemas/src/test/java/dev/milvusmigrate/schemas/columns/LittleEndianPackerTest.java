package dev.milvusmigrate.schemas.columns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class LittleEndianPackerTest {

  @Test
  void longsArePackedLeastSignificantByteFirst() {
    ByteBuffer packed = LittleEndianPacker.packLongs(new long[] {0x0102030405060708L, -1L});

    assertThat(bytes(packed)).containsExactly(8, 7, 6, 5, 4, 3, 2, 1, -1, -1, -1, -1, -1, -1, -1, -1);
    assertThat(LittleEndianPacker.unpackLongs(packed)).containsExactly(0x0102030405060708L, -1L);
  }

  @Test
  void narrowIntegersUseTheirNaturalWidth() {
    assertThat(bytes(LittleEndianPacker.packInts(new int[] {0x01020304}))).containsExactly(4, 3, 2, 1);
    assertThat(bytes(LittleEndianPacker.packShorts(new short[] {0x0102, -2}))).containsExactly(2, 1, -2, -1);
    assertThat(bytes(LittleEndianPacker.packBytes(new byte[] {-128, 127}))).containsExactly(-128, 127);
  }

  @Test
  void floatingPointKeepsExactBits() {
    float[] floats = {Float.NaN, -0f, Float.MIN_VALUE, 1f};
    double[] doubles = {Double.NaN, -0d, Double.MIN_VALUE, 1d};

    float[] floatsBack = LittleEndianPacker.unpackFloats(LittleEndianPacker.packFloats(floats));
    double[] doublesBack = LittleEndianPacker.unpackDoubles(LittleEndianPacker.packDoubles(doubles));

    assertThat(Float.floatToRawIntBits(floatsBack[1])).isEqualTo(Float.floatToRawIntBits(-0f));
    assertThat(floatsBack).usingElementComparator(Float::compare).containsExactly(floats);
    assertThat(doublesBack).usingElementComparator(Double::compare).containsExactly(doubles);
    assertThat(bytes(LittleEndianPacker.packFloats(new float[] {1f}))).containsExactly(0, 0, -128, 63);
  }

  @Test
  void booleansTakeOneBytePerRow() {
    ByteBuffer packed = LittleEndianPacker.packBooleans(new boolean[] {true, false, true});

    assertThat(bytes(packed)).containsExactly(1, 0, 1);
    assertThat(LittleEndianPacker.unpackBooleans(packed)).containsExactly(true, false, true);
  }

  @Test
  void unpackReadsFromThePositionWithoutMovingIt() {
    ByteBuffer packed = ByteBuffer.wrap(new byte[] {99, 1, 0, 0, 0});
    packed.position(1);

    assertThat(LittleEndianPacker.unpackInts(packed)).containsExactly(1);
    assertThat(packed.position()).isEqualTo(1);
  }

  @Test
  void partialValuesAreRejected() {
    assertThatThrownBy(() -> LittleEndianPacker.unpackLongs(ByteBuffer.allocate(12)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("12 bytes is not a whole number of 8-byte values");
  }

  static byte[] bytes(ByteBuffer buffer) {
    byte[] out = new byte[buffer.remaining()];
    buffer.duplicate().get(out);
    return out;
  }
}
