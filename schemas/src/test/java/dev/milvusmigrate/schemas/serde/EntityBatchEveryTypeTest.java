package dev.milvusmigrate.schemas.serde;

import static dev.milvusmigrate.schemas.Samples.utf8;
import static dev.milvusmigrate.schemas.columns.LittleEndianPacker.packBooleans;
import static dev.milvusmigrate.schemas.columns.LittleEndianPacker.packBytes;
import static dev.milvusmigrate.schemas.columns.LittleEndianPacker.packDoubles;
import static dev.milvusmigrate.schemas.columns.LittleEndianPacker.packFloats;
import static dev.milvusmigrate.schemas.columns.LittleEndianPacker.packInts;
import static dev.milvusmigrate.schemas.columns.LittleEndianPacker.packLongs;
import static dev.milvusmigrate.schemas.columns.LittleEndianPacker.packShorts;
import static org.assertj.core.api.Assertions.assertThat;

import dev.milvusmigrate.schemas.Samples;
import dev.milvusmigrate.schemas.avro.ArrayValues;
import dev.milvusmigrate.schemas.avro.Column;
import dev.milvusmigrate.schemas.avro.DataType;
import dev.milvusmigrate.schemas.avro.EntityBatch;
import dev.milvusmigrate.schemas.avro.PackedValues;
import dev.milvusmigrate.schemas.avro.RowBytesValues;
import dev.milvusmigrate.schemas.avro.SnapshotEvent;
import dev.milvusmigrate.schemas.avro.StringValues;
import dev.milvusmigrate.schemas.columns.Columns;
import dev.milvusmigrate.schemas.columns.LittleEndianPacker;
import dev.milvusmigrate.schemas.columns.NullBitmap;
import dev.milvusmigrate.schemas.columns.SparseVector;
import dev.milvusmigrate.schemas.columns.SparseVectorCodec;
import dev.milvusmigrate.schemas.columns.VectorPacker;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EntityBatchEveryTypeTest {

  private static final int ROWS = 5;
  /** Rows 1 and 3 are null in every nullable column. */
  private static final boolean[] VALID = {true, false, true, false, true};
  private static final List<String> UNICODE = List.of("plain", "", "naïve café", "", "日本語 🚀 \u0000 end");
  private static final float[][] FLOAT_VECTORS = {{0f, -0f, 1.5f, Float.MIN_VALUE}, {Float.MAX_VALUE, -1f, 2f, 3f},
      {0.1f, 0.2f, 0.3f, 0.4f}, {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 7f}, {9f, 8f, 7f, 6f}};
  private static final SparseVector SPARSE = new SparseVector(new long[] {0, 17, 4_294_967_294L}, new float[] {0.5f, -2f, 1e-9f});

  private static Map<String, Column> decoded;

  @BeforeAll
  static void roundTripABatchWithEveryType() {
    EntityBatch batch = batch(everyTypeColumns());
    EntityBatch back = (EntityBatch) AvroSerdeRoundTripTest.roundTrip(new SnapshotEvent(batch)).getPayload();
    assertThat(back).isEqualTo(batch);
    decoded = back.getColumns().stream().collect(Collectors.toMap(Column::getFieldName, Function.identity()));
  }

  @Test
  void batchCoversEveryDataType() {
    EnumSet<DataType> types = EnumSet.noneOf(DataType.class);
    decoded.values().forEach(c -> types.add(c.getDataType()));
    EnumSet<DataType> arrayElements = EnumSet.noneOf(DataType.class);
    decoded.values().stream().filter(c -> c.getValues() instanceof ArrayValues)
        .forEach(c -> arrayElements.add(((ArrayValues) c.getValues()).getElementType()));

    assertThat(types).isEqualTo(EnumSet.complementOf(EnumSet.of(DataType.UNKNOWN)));
    assertThat(arrayElements).containsExactlyInAnyOrder(DataType.BOOL, DataType.INT8, DataType.INT16,
        DataType.INT32, DataType.INT64, DataType.FLOAT, DataType.DOUBLE, DataType.VARCHAR);
    decoded.values().forEach(c -> assertThat(Columns.rowCount(c)).as(c.getFieldName()).isEqualTo(ROWS));
  }

  @Test
  void scalarColumnsKeepValuesAndNulls() {
    assertThat(LittleEndianPacker.unpackBooleans(packed("bool"))).containsExactly(true, false, false, false, true);
    assertThat(LittleEndianPacker.unpackBytes(packed("int8"))).containsExactly(-128, 0, 127, 0, 1);
    assertThat(LittleEndianPacker.unpackShorts(packed("int16"))).containsExactly((short) -32768, (short) 0, (short) 32767, (short) 0, (short) 2);
    assertThat(LittleEndianPacker.unpackInts(packed("int32"))).containsExactly(Integer.MIN_VALUE, 0, Integer.MAX_VALUE, 0, 3);
    assertThat(LittleEndianPacker.unpackLongs(packed("int64"))).containsExactly(Long.MIN_VALUE, 0L, Long.MAX_VALUE, 0L, 4L);
    assertThat(LittleEndianPacker.unpackFloats(packed("float"))).containsExactly(-1.25f, 0f, Float.MAX_VALUE, 0f, 0.1f);
    assertThat(LittleEndianPacker.unpackDoubles(packed("double"))).containsExactly(Math.PI, 0d, -Double.MAX_VALUE, 0d, 1e-300);
    assertThat(LittleEndianPacker.unpackLongs(packed("tstz"))).containsExactly(1_700_000_000_123_456L, 0L, -1L, 0L, 0L);
    for (String name : List.of("bool", "int8", "int16", "int32", "int64", "float", "double", "varchar", "json", "tstz")) {
      assertThat(NullBitmap.toValid(decoded.get(name).getValidity(), ROWS)).as(name).containsExactly(VALID);
    }
    assertThat(decoded.get("id").getValidity()).isNull();
  }

  @Test
  void stringColumnsKeepUnicodeExactly() {
    assertThat(strings("varchar")).containsExactlyElementsOf(UNICODE);
    assertThat(strings("string")).containsExactly("a", "b", "c", "d", "e");
    assertThat(strings("geo")).startsWith("POINT (1 2)").hasSize(ROWS);
  }

  @Test
  void jsonAndDynamicFieldTravelAsUtf8Text() {
    List<String> json = rowBytes("json").stream().map(Samples::utf8).toList();
    List<String> meta = rowBytes("$meta").stream().map(Samples::utf8).toList();

    assertThat(json).containsExactly("{\"a\":1}", "", "[1,2,{\"ü\":null}]", "", "\"x\"");
    assertThat(meta).containsExactly("{}", "{\"extra\":true}", "{\"tag\":\"日本\"}", "{\"n\":1.5}", "{}");
    assertThat(decoded.get("$meta").getDataType()).isEqualTo(DataType.JSON);
  }

  @Test
  void denseVectorsKeepEveryBit() {
    float[][] floats = VectorPacker.unpackFloatVectors(packed("fvec"), 4);
    for (int row = 0; row < ROWS; row++) {
      assertThat(floats[row]).as("row " + row).usingElementComparator(Float::compare).containsExactly(FLOAT_VECTORS[row]);
    }
    assertThat(VectorPacker.unpackFixedWidthRows(packed("bvec"), 2)[4]).containsExactly(0x5A, 0xFF);
    assertThat(VectorPacker.unpackFixedWidthRows(packed("f16vec"), 8)[2]).containsExactly(fixedRow(8, 2));
    assertThat(VectorPacker.unpackFixedWidthRows(packed("bf16vec"), 8)[3]).containsExactly(fixedRow(8, 3));
    assertThat(VectorPacker.unpackFixedWidthRows(packed("i8vec"), 4)[0]).containsExactly(-128, -1, 0, 127);
    assertThat(decoded.get("fvec").getDim()).isEqualTo(4);
    assertThat(decoded.get("bvec").getDim()).isEqualTo(16);
  }

  @Test
  void sparseVectorsKeepIndicesAndValues() {
    SparseVector first = SparseVectorCodec.decode(rowBytes("sparse").get(0));
    SparseVector empty = SparseVectorCodec.decode(rowBytes("sparse").get(1));

    assertThat(first.indices()).containsExactly(0L, 17L, 4_294_967_294L);
    assertThat(first.values()).containsExactly(0.5f, -2f, 1e-9f);
    assertThat(empty.indices()).isEmpty();
  }

  @Test
  void arrayColumnsKeepPerRowElements() {
    assertThat(LittleEndianPacker.unpackBooleans(arrayRow("arr_bool", 0))).containsExactly(true, false, true);
    assertThat(LittleEndianPacker.unpackBytes(arrayRow("arr_int8", 2))).containsExactly(-1, 2);
    assertThat(LittleEndianPacker.unpackShorts(arrayRow("arr_int16", 0))).containsExactly((short) 300);
    assertThat(LittleEndianPacker.unpackInts(arrayRow("arr_int32", 4))).containsExactly(1, 2, 3, 4);
    assertThat(LittleEndianPacker.unpackLongs(arrayRow("arr_int64", 0))).containsExactly(Long.MIN_VALUE, Long.MAX_VALUE);
    assertThat(LittleEndianPacker.unpackFloats(arrayRow("arr_float", 0))).containsExactly(1.5f);
    assertThat(LittleEndianPacker.unpackDoubles(arrayRow("arr_double", 0))).containsExactly(2.5d, -0.5d);
    assertThat(LittleEndianPacker.unpackLongs(arrayRow("arr_int64", 1))).isEmpty();
    ArrayValues varchars = (ArrayValues) decoded.get("arr_varchar").getValues();
    assertThat(((StringValues) varchars.getRows().get(0)).getValues()).containsExactly("α", "β", "🚀");
    assertThat(NullBitmap.toValid(decoded.get("arr_varchar").getValidity(), ROWS)).containsExactly(VALID);
  }

  @Test
  void emptyBatchRoundTrips() {
    List<Column> emptyColumns = List.of(
        Columns.scalars("id", DataType.INT64, packLongs(new long[0])),
        Columns.vectors("vec", DataType.FLOAT_VECTOR, 768, VectorPacker.packFloatVectors(new float[0][], 768)),
        Columns.strings("s", DataType.VARCHAR, List.of()),
        Columns.rowBytes("$meta", DataType.JSON, List.of()),
        Columns.arrays("a", DataType.INT32, List.of()));
    EntityBatch empty = EntityBatch.newBuilder(batch(emptyColumns)).setRowCount(0).setFirstPk(null).setLastPk(null).build();

    EntityBatch back = AvroSerdeRoundTripTest.roundTrip(empty);

    assertThat(back).isEqualTo(empty);
    assertThat(back.getRowCount()).isZero();
    back.getColumns().forEach(c -> assertThat(Columns.rowCount(c)).as(c.getFieldName()).isZero());
  }

  static EntityBatch batch(List<Column> columns) {
    return EntityBatch.newBuilder().setJobId("job-1").setDatabase("db1").setCollection("all_types")
        .setPartition("_default").setChunk(0).setRowCount(ROWS).setSnapshotTs(Samples.TSO)
        .setFirstPk(0L).setLastPk(4L).setColumns(columns).build();
  }

  private static List<Column> everyTypeColumns() {
    List<Column> columns = new ArrayList<>(scalarColumns());
    columns.addAll(textColumns());
    columns.addAll(vectorColumns());
    columns.addAll(arrayColumns());
    return columns;
  }

  private static List<Column> scalarColumns() {
    return List.of(
        Columns.scalars("id", DataType.INT64, packLongs(new long[] {0, 1, 2, 3, 4})),
        nullable(Columns.scalars("bool", DataType.BOOL, packBooleans(new boolean[] {true, false, false, false, true}))),
        nullable(Columns.scalars("int8", DataType.INT8, packBytes(new byte[] {-128, 0, 127, 0, 1}))),
        nullable(Columns.scalars("int16", DataType.INT16, packShorts(new short[] {-32768, 0, 32767, 0, 2}))),
        nullable(Columns.scalars("int32", DataType.INT32, packInts(new int[] {Integer.MIN_VALUE, 0, Integer.MAX_VALUE, 0, 3}))),
        nullable(Columns.scalars("int64", DataType.INT64, packLongs(new long[] {Long.MIN_VALUE, 0, Long.MAX_VALUE, 0, 4}))),
        nullable(Columns.scalars("float", DataType.FLOAT, packFloats(new float[] {-1.25f, 0, Float.MAX_VALUE, 0, 0.1f}))),
        nullable(Columns.scalars("double", DataType.DOUBLE, packDoubles(new double[] {Math.PI, 0, -Double.MAX_VALUE, 0, 1e-300}))),
        nullable(Columns.scalars("tstz", DataType.TIMESTAMPTZ, packLongs(new long[] {1_700_000_000_123_456L, 0, -1, 0, 0}))));
  }

  private static List<Column> textColumns() {
    return List.of(
        nullable(Columns.strings("varchar", DataType.VARCHAR, UNICODE)),
        Columns.strings("string", DataType.STRING, List.of("a", "b", "c", "d", "e")),
        Columns.strings("geo", DataType.GEOMETRY, List.of("POINT (1 2)", "LINESTRING (0 0, 1 1)",
            "POLYGON ((0 0, 1 0, 1 1, 0 0))", "POINT (3 4)", "POINT (5 6)")),
        nullable(Columns.rowBytes("json", DataType.JSON,
            List.of(utf8("{\"a\":1}"), utf8(""), utf8("[1,2,{\"ü\":null}]"), utf8(""), utf8("\"x\"")))),
        Columns.rowBytes("$meta", DataType.JSON, List.of(utf8("{}"), utf8("{\"extra\":true}"),
            utf8("{\"tag\":\"日本\"}"), utf8("{\"n\":1.5}"), utf8("{}"))));
  }

  private static List<Column> vectorColumns() {
    ByteBuffer sparseRow = SparseVectorCodec.encode(SPARSE);
    ByteBuffer emptySparse = SparseVectorCodec.encode(new SparseVector(new long[0], new float[0]));
    return List.of(
        Columns.vectors("fvec", DataType.FLOAT_VECTOR, 4, VectorPacker.packFloatVectors(FLOAT_VECTORS, 4)),
        Columns.vectors("bvec", DataType.BINARY_VECTOR, 16, VectorPacker.packFixedWidthRows(fixedRows(2, new byte[] {0x5A, (byte) 0xFF}), 2)),
        Columns.vectors("f16vec", DataType.FLOAT16_VECTOR, 4, VectorPacker.packFixedWidthRows(fixedRows(8, null), 8)),
        Columns.vectors("bf16vec", DataType.BFLOAT16_VECTOR, 4, VectorPacker.packFixedWidthRows(fixedRows(8, null), 8)),
        Columns.vectors("i8vec", DataType.INT8_VECTOR, 4, VectorPacker.packFixedWidthRows(fixedRows(4, new byte[] {-128, -1, 0, 127}), 4)),
        Columns.rowBytes("sparse", DataType.SPARSE_FLOAT_VECTOR,
            List.of(sparseRow, emptySparse, sparseRow, sparseRow, sparseRow)));
  }

  private static List<Column> arrayColumns() {
    return List.of(
        Columns.arrays("arr_bool", DataType.BOOL, packedRows(packBooleans(new boolean[] {true, false, true}))),
        Columns.arrays("arr_int8", DataType.INT8, packedRows(packBytes(new byte[] {-1, 2}))),
        Columns.arrays("arr_int16", DataType.INT16, packedRows(packShorts(new short[] {300}))),
        Columns.arrays("arr_int32", DataType.INT32, packedRows(packInts(new int[] {1, 2, 3, 4}))),
        Columns.arrays("arr_int64", DataType.INT64, List.of(packed(packLongs(new long[] {Long.MIN_VALUE, Long.MAX_VALUE})),
            packed(packLongs(new long[0])), packed(packLongs(new long[] {1})), packed(packLongs(new long[] {2})),
            packed(packLongs(new long[] {3})))),
        Columns.arrays("arr_float", DataType.FLOAT, packedRows(packFloats(new float[] {1.5f}))),
        Columns.arrays("arr_double", DataType.DOUBLE, packedRows(packDoubles(new double[] {2.5d, -0.5d}))),
        nullable(Columns.arrays("arr_varchar", DataType.VARCHAR, List.of(new StringValues(List.of("α", "β", "🚀")),
            new StringValues(List.of()), new StringValues(List.of("x")), new StringValues(List.of()),
            new StringValues(List.of("", "y"))))));
  }

  private static Column nullable(Column column) {
    return Columns.withValidity(column, VALID);
  }

  /** Five rows holding the same elements. */
  private static List<Object> packedRows(ByteBuffer elements) {
    List<Object> rows = new ArrayList<>();
    for (int i = 0; i < ROWS; i++) {
      rows.add(packed(elements.duplicate()));
    }
    return rows;
  }

  private static PackedValues packed(ByteBuffer data) {
    return new PackedValues(data);
  }

  /** Distinct rows of {@code width} bytes; the first and last row are {@code edgeRow} when given. */
  private static byte[][] fixedRows(int width, byte[] edgeRow) {
    byte[][] rows = new byte[ROWS][];
    for (int row = 0; row < ROWS; row++) {
      rows[row] = fixedRow(width, row);
    }
    if (edgeRow != null) {
      rows[0] = edgeRow;
      rows[ROWS - 1] = edgeRow;
    }
    return rows;
  }

  private static byte[] fixedRow(int width, int row) {
    byte[] bytes = new byte[width];
    for (int i = 0; i < width; i++) {
      bytes[i] = (byte) (row * 31 + i * 7);
    }
    return bytes;
  }

  private static ByteBuffer packed(String field) {
    return ((PackedValues) decoded.get(field).getValues()).getData();
  }

  private static List<String> strings(String field) {
    return ((StringValues) decoded.get(field).getValues()).getValues();
  }

  private static List<ByteBuffer> rowBytes(String field) {
    return ((RowBytesValues) decoded.get(field).getValues()).getRows();
  }

  private static ByteBuffer arrayRow(String field, int row) {
    return ((PackedValues) ((ArrayValues) decoded.get(field).getValues()).getRows().get(row)).getData();
  }
}
