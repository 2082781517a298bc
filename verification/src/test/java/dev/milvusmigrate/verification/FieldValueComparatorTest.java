package dev.milvusmigrate.verification;

import static org.assertj.core.api.Assertions.assertThat;

import dev.milvusmigrate.schemas.avro.Column;
import dev.milvusmigrate.schemas.avro.DataType;
import dev.milvusmigrate.schemas.avro.PackedValues;
import dev.milvusmigrate.schemas.avro.StringValues;
import dev.milvusmigrate.schemas.columns.Columns;
import dev.milvusmigrate.schemas.columns.LittleEndianPacker;
import dev.milvusmigrate.schemas.columns.VectorPacker;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class FieldValueComparatorTest {

  @Test
  void floatsCompareByRawBits() {
    float otherNaN = Float.intBitsToFloat(0x7fc00001);
    Column a = floats(Float.NaN, 0.0f, 1.5f, Float.NaN);
    Column b = floats(Float.NaN, -0.0f, 1.5f, otherNaN);

    assertThat(FieldValueComparator.equal(a, 0, b, 0)).as("same NaN bits").isTrue();
    assertThat(FieldValueComparator.equal(a, 1, b, 1)).as("0.0 vs -0.0").isFalse();
    assertThat(FieldValueComparator.equal(a, 2, b, 2)).isTrue();
    assertThat(FieldValueComparator.equal(a, 3, b, 3)).as("different NaN payloads").isFalse();
  }

  @Test
  void doublesCompareByRawBits() {
    Column a = Columns.scalars("d", DataType.DOUBLE, LittleEndianPacker.packDoubles(new double[] {0.0, 2.5}));
    Column b = Columns.scalars("d", DataType.DOUBLE, LittleEndianPacker.packDoubles(new double[] {-0.0, 2.5}));

    assertThat(FieldValueComparator.equal(a, 0, b, 0)).isFalse();
    assertThat(FieldValueComparator.equal(a, 1, b, 1)).isTrue();
  }

  @Test
  void vectorsCompareRowByRowBytes() {
    Column a = Columns.vectors("v", DataType.FLOAT_VECTOR, 2,
        VectorPacker.packFloatVectors(new float[][] {{1f, 2f}, {3f, 4f}}, 2));
    Column b = Columns.vectors("v", DataType.FLOAT_VECTOR, 2,
        VectorPacker.packFloatVectors(new float[][] {{3f, 4f}, {1f, 2.0000002f}}, 2));

    assertThat(FieldValueComparator.equal(a, 1, b, 0)).isTrue();
    assertThat(FieldValueComparator.equal(a, 0, b, 1)).isFalse();
  }

  @Test
  void jsonComparesByMeaningNotKeyOrder() {
    Column a = json("{\"a\":1,\"b\":[1,2],\"c\":{\"x\":true}}", "{\"a\":1}", "{\"n\":1}");
    Column b = json("{\"c\":{\"x\":true},\"b\":[1,2],\"a\":1}", "{\"a\":2}", "{\"n\":1.0}");

    assertThat(FieldValueComparator.equal(a, 0, b, 0)).isTrue();
    assertThat(FieldValueComparator.equal(a, 1, b, 1)).isFalse();
    assertThat(FieldValueComparator.equal(a, 2, b, 2)).as("same number spelled differently").isTrue();
  }

  @Test
  void arrayOrderMattersInJson() {
    assertThat(FieldValueComparator.sameJson(utf8("[1,2]"), utf8("[2,1]"))).isFalse();
  }

  @Test
  void nullsEqualOnlyNulls() {
    Column a = Columns.withValidity(Columns.strings("s", DataType.VARCHAR, List.of("", "x")),
        new boolean[] {false, true});
    Column b = Columns.strings("s", DataType.VARCHAR, List.of("", "x"));

    assertThat(FieldValueComparator.equal(a, 0, a, 0)).isTrue();
    assertThat(FieldValueComparator.equal(a, 0, b, 0)).as("null vs empty string").isFalse();
    assertThat(FieldValueComparator.equal(a, 1, b, 1)).isTrue();
  }

  @Test
  void arraysCompareElementsExactly() {
    Column a = Columns.arrays("tags", DataType.VARCHAR,
        List.of(new StringValues(List.of("x", "y")), new StringValues(List.of("z"))));
    Column b = Columns.arrays("tags", DataType.VARCHAR,
        List.of(new StringValues(List.of("x", "y")), new StringValues(List.of("Z"))));
    Column ints = Columns.arrays("n", DataType.INT32,
        List.of(new PackedValues(LittleEndianPacker.packInts(new int[] {1, 2}))));
    Column otherInts = Columns.arrays("n", DataType.INT32,
        List.of(new PackedValues(LittleEndianPacker.packInts(new int[] {1, 3}))));

    assertThat(FieldValueComparator.equal(a, 0, b, 0)).isTrue();
    assertThat(FieldValueComparator.equal(a, 1, b, 1)).isFalse();
    assertThat(FieldValueComparator.equal(ints, 0, otherInts, 0)).isFalse();
    assertThat(FieldValueComparator.equal(ints, 0, ints, 0)).isTrue();
  }

  @Test
  void differentTypesNeverEqual() {
    Column int32 = Columns.scalars("n", DataType.INT32, LittleEndianPacker.packInts(new int[] {1}));
    Column float32 = Columns.scalars("n", DataType.FLOAT,
        LittleEndianPacker.packFloats(new float[] {Float.intBitsToFloat(1)}));

    assertThat(FieldValueComparator.equal(int32, 0, float32, 0)).isFalse();
  }

  private static Column floats(float... values) {
    return Columns.scalars("f", DataType.FLOAT, LittleEndianPacker.packFloats(values));
  }

  private static Column json(String... documents) {
    return Columns.rowBytes("j", DataType.JSON, List.of(documents).stream().map(FieldValueComparatorTest::utf8)
        .toList());
  }

  private static ByteBuffer utf8(String text) {
    return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
  }
}
