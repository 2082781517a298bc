package dev.milvusmigrate.schemas.columns;

import static dev.milvusmigrate.schemas.columns.LittleEndianPackerTest.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class NullBitmapTest {

  @Test
  void bitIOfByteIOver8MarksRowIValidLeastSignificantBitFirst() {
    boolean[] valid = {true, false, false, false, false, false, false, true, false, true};

    ByteBuffer bitmap = NullBitmap.fromValid(valid);

    assertThat(bytes(bitmap)).containsExactly(0b1000_0001, 0b0000_0010);
    assertThat(NullBitmap.toValid(bitmap, valid.length)).containsExactly(valid);
    assertThat(NullBitmap.isValid(bitmap, 9)).isTrue();
    assertThat(NullBitmap.isValid(bitmap, 8)).isFalse();
  }

  @Test
  void noBitmapWhenEveryRowIsValid() {
    assertThat(NullBitmap.fromValid(new boolean[] {true, true, true})).isNull();
    assertThat(NullBitmap.fromValid(new boolean[0])).isNull();
    assertThat(NullBitmap.toValid(null, 3)).containsExactly(true, true, true);
  }

  @Test
  void allNullRowsGiveAZeroBitmap() {
    assertThat(bytes(NullBitmap.fromValid(new boolean[9]))).containsExactly(0, 0);
  }

  @Test
  void rowOutsideTheBitmapIsAnError() {
    ByteBuffer oneByte = NullBitmap.fromValid(new boolean[] {false, true});

    assertThatThrownBy(() -> NullBitmap.isValid(oneByte, 8)).isInstanceOf(IndexOutOfBoundsException.class)
        .hasMessage("row 8 is outside a bitmap of 1 bytes");
  }
}
