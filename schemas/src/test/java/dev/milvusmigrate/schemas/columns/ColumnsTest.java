package dev.milvusmigrate.schemas.columns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.milvusmigrate.schemas.avro.Column;
import dev.milvusmigrate.schemas.avro.DataType;
import dev.milvusmigrate.schemas.avro.PackedValues;
import dev.milvusmigrate.schemas.avro.StringValues;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ColumnsTest {

  @Test
  void everyDataTypeHasAPayloadKind() {
    assertThat(PayloadKind.forType(DataType.INT64)).isEqualTo(PayloadKind.PACKED);
    assertThat(PayloadKind.forType(DataType.TIMESTAMPTZ)).isEqualTo(PayloadKind.PACKED);
    assertThat(PayloadKind.forType(DataType.BFLOAT16_VECTOR)).isEqualTo(PayloadKind.PACKED);
    assertThat(PayloadKind.forType(DataType.GEOMETRY)).isEqualTo(PayloadKind.STRINGS);
    assertThat(PayloadKind.forType(DataType.SPARSE_FLOAT_VECTOR)).isEqualTo(PayloadKind.ROW_BYTES);
    assertThat(PayloadKind.forType(DataType.ARRAY)).isEqualTo(PayloadKind.ARRAYS);
    Arrays.stream(DataType.values()).filter(t -> t != DataType.UNKNOWN)
        .forEach(t -> assertThat(PayloadKind.forType(t)).as(t.name()).isNotNull());
    assertThatThrownBy(() -> PayloadKind.forType(DataType.UNKNOWN)).hasMessageContaining("newer schema");
  }

  @Test
  void scalarColumnCountsRowsByTypeWidth() {
    Column column = Columns.scalars("n", DataType.INT16, LittleEndianPacker.packShorts(new short[] {1, 2, 3}));

    assertThat(Columns.rowCount(column)).isEqualTo(3);
    assertThat(column.getDim()).isNull();
    assertThat(column.getValidity()).isNull();
  }

  @Test
  void vectorColumnCountsRowsByDimension() {
    Column column = Columns.vectors("v", DataType.FLOAT16_VECTOR, 4, VectorPacker.packFixedWidthRows(new byte[3][8], 8));

    assertThat(Columns.rowCount(column)).isEqualTo(3);
    assertThat(column.getDim()).isEqualTo(4);
  }

  @Test
  void payloadThatDoesNotFitTheTypeIsRejected() {
    assertThatThrownBy(() -> Columns.scalars("n", DataType.INT64, LittleEndianPacker.packInts(new int[] {1})))
        .hasMessage("4 bytes is not a whole number of 8-byte values");
    assertThatThrownBy(() -> Columns.scalars("v", DataType.FLOAT_VECTOR, LittleEndianPacker.packFloats(new float[4])))
        .hasMessage("FLOAT_VECTOR is not a fixed-width scalar type");
    assertThatThrownBy(() -> Columns.strings("j", DataType.JSON, List.of("{}")))
        .hasMessage("JSON does not travel as STRINGS");
    assertThatThrownBy(() -> Columns.arrays("a", DataType.VARCHAR, List.of(new PackedValues(LittleEndianPacker.packInts(new int[0])))))
        .hasMessage("ARRAY of VARCHAR needs StringValues rows");
  }

  @Test
  void validityIsSetOnlyWhenSomeRowIsNull() {
    Column withNull = Columns.withValidity(Columns.strings("s", DataType.VARCHAR, List.of("a", "")), new boolean[] {true, false});
    Column allValid = Columns.withValidity(Columns.strings("s", DataType.VARCHAR, List.of("a", "b")), new boolean[] {true, true});

    assertThat(NullBitmap.toValid(withNull.getValidity(), 2)).containsExactly(true, false);
    assertThat(allValid.getValidity()).isNull();
  }

  @Test
  void arrayColumnCountsRows() {
    Column column = Columns.arrays("tags", DataType.VARCHAR, List.of(new StringValues(List.of("a")), new StringValues(List.of())));

    assertThat(column.getDataType()).isEqualTo(DataType.ARRAY);
    assertThat(Columns.rowCount(column)).isEqualTo(2);
  }
}
