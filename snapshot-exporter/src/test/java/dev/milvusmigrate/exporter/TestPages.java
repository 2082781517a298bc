package dev.milvusmigrate.exporter;

import dev.milvusmigrate.milvus.Page;
import dev.milvusmigrate.schemas.avro.Column;
import dev.milvusmigrate.schemas.avro.DataType;
import dev.milvusmigrate.schemas.avro.PackedValues;
import dev.milvusmigrate.schemas.avro.StringValues;
import dev.milvusmigrate.schemas.columns.Columns;
import dev.milvusmigrate.schemas.columns.LittleEndianPacker;
import java.util.List;
import java.util.stream.LongStream;

/** Pages of rows (id INT64, title VARCHAR, embedding FLOAT_VECTOR dim 2 with id-derived values) for unit tests. */
final class TestPages {

  /** Encoded size of one row as {@link RowSizes} counts it: 8 + (5 + 6) + 8. */
  static final long ROW_BYTES = 27;

  private TestPages() {}

  /** Rows with ids {@code from} to {@code to - 1}; titles are {@code t} plus six digits of the id. */
  static Page page(long from, long to) {
    long[] ids = LongStream.range(from, to).toArray();
    float[] vectors = new float[ids.length * 2];
    for (int i = 0; i < ids.length; i++) {
      vectors[2 * i] = ids[i];
      vectors[2 * i + 1] = -ids[i];
    }
    List<Column> columns = List.of(
        Columns.scalars("id", DataType.INT64, LittleEndianPacker.packLongs(ids)),
        Columns.strings("title", DataType.VARCHAR, LongStream.of(ids).mapToObj(TestPages::title).toList()),
        Columns.vectors("embedding", DataType.FLOAT_VECTOR, 2, LittleEndianPacker.packFloats(vectors)));
    return new Page(columns, ids.length, ids.length == 0 ? null : from, ids.length == 0 ? null : to - 1,
        ids.length * ROW_BYTES);
  }

  static String title(long id) {
    return String.format("t%05d", id);
  }

  static long[] ids(Column idColumn) {
    return LittleEndianPacker.unpackLongs(((PackedValues) idColumn.getValues()).getData());
  }

  static List<String> titles(Column titleColumn) {
    return ((StringValues) titleColumn.getValues()).getValues();
  }

  static float[] vectors(Column vectorColumn) {
    return LittleEndianPacker.unpackFloats(((PackedValues) vectorColumn.getValues()).getData());
  }
}
