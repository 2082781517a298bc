package dev.milvusmigrate.schemas.columns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.milvusmigrate.schemas.avro.Column;
import dev.milvusmigrate.schemas.avro.DataType;
import dev.milvusmigrate.schemas.avro.PackedValues;
import dev.milvusmigrate.schemas.avro.PrimaryKeys;
import dev.milvusmigrate.schemas.avro.StringValues;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ColumnConcatenationTest {

  @Test
  void packedPartsAppendInOrderEvenFromPositionedBuffers() {
    ByteBuffer positioned = LittleEndianPacker.packLongs(new long[] {99, 2, 3});
    positioned.position(Long.BYTES);

    Column joined = ColumnConcatenation.of(List.of(
        Columns.scalars("id", DataType.INT64, LittleEndianPacker.packLongs(new long[] {1})),
        Columns.scalars("id", DataType.INT64, positioned)));

    assertThat(LittleEndianPacker.unpackLongs(((PackedValues) joined.getValues()).getData())).containsExactly(1, 2, 3);
    assertThat(joined.getValidity()).isNull();
    assertThat(positioned.position()).as("inputs are not moved").isEqualTo(Long.BYTES);
  }

  @Test
  void vectorStringJsonAndArrayPartsAppendInOrder() {
    assertThat(ColumnConcatenation.of(List.of(vector(1f), vector(2f))))
        .isEqualTo(Columns.vectors("v", DataType.FLOAT_VECTOR, 2,
            VectorPacker.packFloatVectors(new float[][] {{1f, 1f}, {2f, 2f}}, 2)));
    assertThat(ColumnConcatenation.of(List.of(Columns.strings("s", DataType.VARCHAR, List.of("a")),
        Columns.strings("s", DataType.VARCHAR, List.of("b", "c")))))
        .isEqualTo(Columns.strings("s", DataType.VARCHAR, List.of("a", "b", "c")));
    assertThat(ColumnConcatenation.of(List.of(json("{\"a\":1}"), json("{\"b\":2}"))))
        .isEqualTo(Columns.rowBytes("$meta", DataType.JSON, List.of(utf8("{\"a\":1}"), utf8("{\"b\":2}"))));
    assertThat(ColumnConcatenation.of(List.of(tags("x"), tags("y", "z"))))
        .isEqualTo(Columns.arrays("tags", DataType.VARCHAR,
            List.of(new StringValues(List.of("x")), new StringValues(List.of("y", "z")))));
  }

  @Test
  void nullBitmapCoversEveryRowWhenAnyPartHasANullRow() {
    Column allValid = Columns.strings("s", DataType.VARCHAR, List.of("a", "b"));
    Column withNull = Columns.withValidity(Columns.strings("s", DataType.VARCHAR, List.of("", "d")),
        new boolean[] {false, true});

    Column joined = ColumnConcatenation.of(List.of(allValid, withNull));

    assertThat(NullBitmap.toValid(joined.getValidity(), 4)).containsExactly(true, true, false, true);
    assertThat(ColumnConcatenation.of(List.of(allValid, allValid)).getValidity()).isNull();
  }

  @Test
  void batchesJoinByFieldNameInTheFirstBatchsOrder() {
    List<Column> first = List.of(id(1), title("one"));
    List<Column> second = List.of(title("two"), id(2));

    assertThat(ColumnConcatenation.rows(List.of(first, second))).containsExactly(
        Columns.scalars("id", DataType.INT64, LittleEndianPacker.packLongs(new long[] {1, 2})),
        Columns.strings("title", DataType.VARCHAR, List.of("one", "two")));
  }

  @Test
  void batchesWithDifferentFieldsAreRejected() {
    assertThatThrownBy(() -> ColumnConcatenation.rows(List.of(List.of(id(1), title("one")), List.of(id(2)))))
        .hasMessageContaining("a batch has no column title");
    assertThatThrownBy(() -> ColumnConcatenation.rows(List.of(List.of(id(1)), List.of(id(2), title("two")))))
        .hasMessageContaining("batches hold different fields");
  }

  @Test
  void partsOfAnotherFieldOrTypeAreRejected() {
    assertThatThrownBy(() -> ColumnConcatenation.of(List.of(id(1), title("x"))))
        .hasMessage("cannot append column title (VARCHAR) to column id (INT64)");
  }

  @Test
  void int64AndVarcharKeysAppendInOrder() {
    PrimaryKeys longs = ColumnConcatenation.keys(List.of(
        new PrimaryKeys("id", new PackedValues(LittleEndianPacker.packLongs(new long[] {7}))),
        new PrimaryKeys("id", new PackedValues(LittleEndianPacker.packLongs(new long[] {-3})))));
    PrimaryKeys strings = ColumnConcatenation.keys(List.of(new PrimaryKeys("name", new StringValues(List.of("a"))),
        new PrimaryKeys("name", new StringValues(List.of("b")))));

    assertThat(longs.getFieldName()).isEqualTo("id");
    assertThat(LittleEndianPacker.unpackLongs(((PackedValues) longs.getKeys()).getData())).containsExactly(7, -3);
    assertThat(strings).isEqualTo(new PrimaryKeys("name", new StringValues(List.of("a", "b"))));
    assertThatThrownBy(() -> ColumnConcatenation.keys(List.of(new PrimaryKeys("a", new StringValues(List.of("x"))),
        new PrimaryKeys("b", new StringValues(List.of("y")))))).hasMessageContaining("keys of different fields");
  }

  private static Column id(long id) {
    return Columns.scalars("id", DataType.INT64, LittleEndianPacker.packLongs(new long[] {id}));
  }

  private static Column title(String title) {
    return Columns.strings("title", DataType.VARCHAR, List.of(title));
  }

  private static Column vector(float value) {
    return Columns.vectors("v", DataType.FLOAT_VECTOR, 2, VectorPacker.packFloatVectors(new float[][] {{value, value}}, 2));
  }

  private static Column json(String text) {
    return Columns.rowBytes("$meta", DataType.JSON, List.of(utf8(text)));
  }

  private static Column tags(String... tags) {
    return Columns.arrays("tags", DataType.VARCHAR, List.of(new StringValues(List.of(tags))));
  }

  private static ByteBuffer utf8(String text) {
    return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
  }
}
