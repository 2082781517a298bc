package dev.milvusmigrate.verification;

import static org.assertj.core.api.Assertions.assertThat;

import dev.milvusmigrate.schemas.avro.Column;
import dev.milvusmigrate.schemas.avro.DataType;
import dev.milvusmigrate.schemas.avro.PackedValues;
import dev.milvusmigrate.schemas.avro.StringValues;
import dev.milvusmigrate.schemas.columns.Columns;
import dev.milvusmigrate.schemas.columns.LittleEndianPacker;
import dev.milvusmigrate.schemas.columns.SparseVector;
import dev.milvusmigrate.schemas.columns.SparseVectorCodec;
import dev.milvusmigrate.schemas.columns.VectorPacker;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The canonical bytes behind a full comparison: equal digests exactly where the fields are equal. */
class EntityDigestsTest {

  @Test
  void theOrderInWhichFieldsArriveDoesNotMatter() {
    Column id = Columns.scalars("id", DataType.INT64, LittleEndianPacker.packLongs(new long[] {7}));
    Column title = Columns.strings("title", DataType.VARCHAR, List.of("seven"));

    assertThat(digest(List.of(id, title))).isEqualTo(digest(List.of(title, id)));
  }

  @Test
  void floatsAreDigestedByTheirBits() {
    float otherNaN = Float.intBitsToFloat(0x7fc00001);
    List<byte[]> a = EntityDigests.of(List.of(vectors(new float[][] {{Float.NaN, 0f}, {1f, 0f}, {Float.NaN, 1f}})), 3);
    List<byte[]> b = EntityDigests.of(List.of(vectors(new float[][] {{Float.NaN, 0f}, {1f, -0f}, {otherNaN, 1f}})), 3);

    assertThat(a.get(0)).as("the same NaN").isEqualTo(b.get(0));
    assertThat(a.get(1)).as("0.0 and -0.0").isNotEqualTo(b.get(1));
    assertThat(a.get(2)).as("two NaN payloads").isNotEqualTo(b.get(2));
  }

  @Test
  void oneChangedVectorComponentChangesTheDigest() {
    List<byte[]> a = EntityDigests.of(List.of(vectors(new float[][] {{1f, 2f}})), 1);
    List<byte[]> b = EntityDigests.of(List.of(vectors(new float[][] {{1f, Math.nextUp(2f)}})), 1);

    assertThat(a.get(0)).isNotEqualTo(b.get(0));
  }

  @Test
  void jsonIsDigestedByMeaning() {
    List<byte[]> a = EntityDigests.of(List.of(json("{\"a\":1,\"b\":[1,2],\"c\":{\"x\":true,\"y\":null}}",
        "{\"n\":1}", "[1,2]", "{\"s\":\"1\"}", "not json")), 5);
    List<byte[]> b = EntityDigests.of(List.of(json("{\"c\":{\"y\":null,\"x\":true},\"b\":[1,2.0],\"a\":1e0}",
        "{\"n\":1.00}", "[2,1]", "{\"s\":1}", "not json")), 5);

    assertThat(a.get(0)).as("key order and number spelling").isEqualTo(b.get(0));
    assertThat(a.get(1)).isEqualTo(b.get(1));
    assertThat(a.get(2)).as("array order").isNotEqualTo(b.get(2));
    assertThat(a.get(3)).as("a string is not a number").isNotEqualTo(b.get(3));
    assertThat(a.get(4)).as("invalid JSON by its bytes").isEqualTo(b.get(4));
  }

  @Test
  void arraysAreDigestedElementByElement() {
    Column strings = Columns.arrays("tags", DataType.VARCHAR,
        List.of(new StringValues(List.of("ab", "c")), new StringValues(List.of("a", "bc"))));
    Column ints = Columns.arrays("n", DataType.INT32, List.of(new PackedValues(LittleEndianPacker.packInts(
        new int[] {1, 2})), new PackedValues(LittleEndianPacker.packInts(new int[] {1, 3}))));
    List<byte[]> tags = EntityDigests.of(List.of(strings), 2);
    List<byte[]> numbers = EntityDigests.of(List.of(ints), 2);

    assertThat(tags.get(0)).as("element boundaries count").isNotEqualTo(tags.get(1));
    assertThat(numbers.get(0)).isNotEqualTo(numbers.get(1));
  }

  @Test
  void sparseVectorsAreDigestedByTheirEntries() {
    ByteBuffer one = SparseVectorCodec.encode(new SparseVector(new long[] {3, 10}, new float[] {0.5f, 1f}));
    ByteBuffer same = SparseVectorCodec.encode(new SparseVector(new long[] {3, 10}, new float[] {0.5f, 1f}));
    ByteBuffer other = SparseVectorCodec.encode(new SparseVector(new long[] {3, 11}, new float[] {0.5f, 1f}));
    Column a = Columns.rowBytes("s", DataType.SPARSE_FLOAT_VECTOR, List.of(one, one));
    Column b = Columns.rowBytes("s", DataType.SPARSE_FLOAT_VECTOR, List.of(same, other));

    List<byte[]> left = EntityDigests.of(List.of(a), 2);
    List<byte[]> right = EntityDigests.of(List.of(b), 2);
    assertThat(left.get(0)).isEqualTo(right.get(0));
    assertThat(left.get(1)).isNotEqualTo(right.get(1));
  }

  @Test
  void nullDiffersFromAnEmptyValueAndTypesCount() {
    Column nullable = Columns.withValidity(Columns.strings("s", DataType.VARCHAR, List.of("", "")),
        new boolean[] {false, true});
    List<byte[]> digests = EntityDigests.of(List.of(nullable), 2);
    Column int32 = Columns.scalars("n", DataType.INT32, LittleEndianPacker.packInts(new int[] {1}));
    Column float32 = Columns.scalars("n", DataType.FLOAT,
        LittleEndianPacker.packFloats(new float[] {Float.intBitsToFloat(1)}));

    assertThat(digests.get(0)).isNotEqualTo(digests.get(1));
    assertThat(digest(List.of(int32))).isNotEqualTo(digest(List.of(float32)));
  }

  /** Digests agree with the field-by-field comparison a sample makes, on the same values. */
  @Test
  void digestsAgreeWithTheFieldComparison() {
    Column a = json("{\"a\":1}", "{\"a\":1}", "{\"b\":[1]}");
    Column b = json("{\"a\":1.0}", "{\"a\":2}", "{\"b\":[1]}");
    List<byte[]> left = EntityDigests.of(List.of(a), 3);
    List<byte[]> right = EntityDigests.of(List.of(b), 3);

    for (int row = 0; row < 3; row++) {
      assertThat(java.util.Arrays.equals(left.get(row), right.get(row))).as("row %d", row)
          .isEqualTo(FieldValueComparator.equal(a, row, b, row));
    }
  }

  private static byte[] digest(List<Column> columns) {
    return EntityDigests.of(columns, 1).get(0);
  }

  private static Column vectors(float[][] rows) {
    return Columns.vectors("v", DataType.FLOAT_VECTOR, 2, VectorPacker.packFloatVectors(rows, 2));
  }

  private static Column json(String... documents) {
    return Columns.rowBytes("j", DataType.JSON, List.of(documents).stream()
        .map(d -> ByteBuffer.wrap(d.getBytes(StandardCharsets.UTF_8))).toList());
  }
}
