package dev.milvusmigrate.schemas.columns;

import static dev.milvusmigrate.schemas.columns.LittleEndianPackerTest.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class SparseVectorCodecTest {

  @Test
  void entriesAreUint32IndexThenFloat32ValueLittleEndian() {
    ByteBuffer row = SparseVectorCodec.encode(new SparseVector(new long[] {1, 0xFFFF_FFFEL}, new float[] {1f, -2f}));

    assertThat(bytes(row)).containsExactly(1, 0, 0, 0, 0, 0, -128, 63, -2, -1, -1, -1, 0, 0, 0, -64);
  }

  @Test
  void decodeRestoresIndicesAboveIntMaxAndValues() {
    SparseVector vector = new SparseVector(new long[] {3_000_000_000L, 5, 0}, new float[] {0.25f, Float.MIN_VALUE, -0f});

    SparseVector back = SparseVectorCodec.decode(SparseVectorCodec.encode(vector));

    assertThat(back.indices()).containsExactly(3_000_000_000L, 5L, 0L);
    assertThat(back.values()).usingElementComparator(Float::compare).containsExactly(0.25f, Float.MIN_VALUE, -0f);
  }

  @Test
  void indexOutsideUint32RangeIsRejected() {
    assertThatThrownBy(() -> SparseVectorCodec.encode(new SparseVector(new long[] {0xFFFF_FFFFL}, new float[] {1f})))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("sparse index 4294967295 is outside [0, 4294967294]");
    assertThatThrownBy(() -> SparseVectorCodec.encode(new SparseVector(new long[] {-1}, new float[] {1f})))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void mismatchedArraysAreRejected() {
    assertThatThrownBy(() -> new SparseVector(new long[] {1, 2}, new float[] {1f}))
        .hasMessage("2 indices but 1 values");
  }

  @Test
  void partialEntryIsRejected() {
    assertThatThrownBy(() -> SparseVectorCodec.decode(ByteBuffer.allocate(12)))
        .hasMessage("12 bytes is not a whole number of 8-byte values");
  }
}
