package dev.milvusmigrate.schemas.columns;

import static dev.milvusmigrate.schemas.columns.LittleEndianPackerTest.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.milvusmigrate.schemas.avro.DataType;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class VectorPackerTest {

  @Test
  void floatVectorsArePackedRowAfterRow() {
    ByteBuffer packed = VectorPacker.packFloatVectors(new float[][] {{1f, 2f}, {3f, 4f}}, 2);

    assertThat(packed.remaining()).isEqualTo(16);
    assertThat(LittleEndianPacker.unpackFloats(packed)).containsExactly(1f, 2f, 3f, 4f);
    float[][] rows = VectorPacker.unpackFloatVectors(packed, 2);
    assertThat(rows[0]).containsExactly(1f, 2f);
    assertThat(rows[1]).containsExactly(3f, 4f);
  }

  @Test
  void fixedWidthRowsAreConcatenated() {
    ByteBuffer packed = VectorPacker.packFixedWidthRows(new byte[][] {{1, 2}, {3, 4}, {5, 6}}, 2);

    assertThat(bytes(packed)).containsExactly(1, 2, 3, 4, 5, 6);
    assertThat(VectorPacker.unpackFixedWidthRows(packed, 2)[2]).containsExactly(5, 6);
  }

  @Test
  void rowOfTheWrongDimensionIsRejected() {
    assertThatThrownBy(() -> VectorPacker.packFloatVectors(new float[][] {{1f, 2f}, {3f}}, 2))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("row 1 has length 1, expected 2");
    assertThatThrownBy(() -> VectorPacker.packFixedWidthRows(new byte[][] {{1, 2, 3}}, 2))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("row 0 has length 3, expected 2");
  }

  @Test
  void payloadThatIsNotWholeRowsIsRejected() {
    ByteBuffer sevenFloats = LittleEndianPacker.packFloats(new float[7]);

    assertThatThrownBy(() -> VectorPacker.unpackFloatVectors(sevenFloats, 2))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("28 bytes is not a whole number of 8-byte values");
  }

  @Test
  void binaryVectorDimensionMustBeWholeBytes() {
    assertThat(ValueWidth.ofVector(DataType.BINARY_VECTOR, 16)).isEqualTo(2);
    assertThatThrownBy(() -> ValueWidth.ofVector(DataType.BINARY_VECTOR, 12))
        .hasMessage("BINARY_VECTOR dim must be a multiple of 8, got 12");
    assertThatThrownBy(() -> ValueWidth.ofVector(DataType.FLOAT_VECTOR, 0)).hasMessage("vector dim must be positive, got 0");
  }
}
