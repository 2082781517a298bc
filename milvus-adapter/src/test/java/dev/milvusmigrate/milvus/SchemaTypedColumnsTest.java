package dev.milvusmigrate.milvus;

import static dev.milvusmigrate.milvus.PyMilvusFieldData.array;
import static dev.milvusmigrate.milvus.PyMilvusFieldData.dynamic;
import static dev.milvusmigrate.milvus.PyMilvusFieldData.floatVectors;
import static dev.milvusmigrate.milvus.PyMilvusFieldData.ints;
import static dev.milvusmigrate.milvus.PyMilvusFieldData.json;
import static dev.milvusmigrate.milvus.PyMilvusFieldData.longs;
import static dev.milvusmigrate.milvus.PyMilvusFieldData.row;
import static dev.milvusmigrate.milvus.PyMilvusFieldData.strings;
import static dev.milvusmigrate.milvus.SampleSchemas.array;
import static dev.milvusmigrate.milvus.SampleSchemas.primaryKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import dev.milvusmigrate.schemas.avro.CollectionSchema;
import dev.milvusmigrate.schemas.avro.Column;
import dev.milvusmigrate.schemas.avro.DataType;
import dev.milvusmigrate.schemas.avro.FieldSchema;
import dev.milvusmigrate.schemas.avro.PackedValues;
import dev.milvusmigrate.schemas.avro.StringValues;
import dev.milvusmigrate.schemas.columns.Columns;
import dev.milvusmigrate.schemas.columns.LittleEndianPacker;
import dev.milvusmigrate.schemas.columns.VectorPacker;
import io.milvus.grpc.FieldData;
import io.milvus.grpc.VectorField;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchemaTypedColumnsTest {

  private static final io.milvus.grpc.DataType[] ELEMENT_TYPES = {io.milvus.grpc.DataType.VarChar,
      io.milvus.grpc.DataType.Int64, io.milvus.grpc.DataType.Int32, io.milvus.grpc.DataType.Int16,
      io.milvus.grpc.DataType.Int8, io.milvus.grpc.DataType.Float, io.milvus.grpc.DataType.Double,
      io.milvus.grpc.DataType.Bool};

  @Test
  void arraysWithoutElementTypeTakeItFromTheSchemaForEveryElementType() {
    List<FieldSchema> fields = new ArrayList<>(List.of(primaryKey("id")));
    List<FieldData> logged = new ArrayList<>(List.of(longs("id", 1L, 2L)));
    for (io.milvus.grpc.DataType elementType : ELEMENT_TYPES) {
      String name = "a_" + elementType.name().toLowerCase();
      fields.add(array(name, DataTypes.toAvro(elementType)));
      logged.add(array(name, row(elementType, List.of(sample(elementType))), row(elementType, List.of())));
    }

    List<Column> columns = SchemaTypedColumns.read(logged, collection(fields, false), 2);

    assertThat(columns).hasSize(ELEMENT_TYPES.length + 1);
    assertThat(column(columns, "a_varchar")).isEqualTo(Columns.arrays("a_varchar", DataType.VARCHAR,
        List.of(new StringValues(List.of("x")), new StringValues(List.of()))));
    assertThat(column(columns, "a_int16")).isEqualTo(Columns.arrays("a_int16", DataType.INT16,
        List.of(new PackedValues(LittleEndianPacker.packShorts(new short[] {7})), empty())));
    assertThat(column(columns, "a_int64")).isEqualTo(Columns.arrays("a_int64", DataType.INT64,
        List.of(new PackedValues(LittleEndianPacker.packLongs(new long[] {7})), empty())));
    assertThat(column(columns, "a_double")).isEqualTo(Columns.arrays("a_double", DataType.DOUBLE,
        List.of(new PackedValues(LittleEndianPacker.packDoubles(new double[] {0.25})), empty())));
    assertThat(column(columns, "a_bool")).isEqualTo(Columns.arrays("a_bool", DataType.BOOL,
        List.of(new PackedValues(LittleEndianPacker.packBooleans(new boolean[] {true})), empty())));
  }

  @Test
  void typeIdDimensionAndDynamicFlagLeftOutComeFromTheSchema() {
    CollectionSchema schema = collection(List.of(primaryKey("id"), withId(field("title", DataType.VARCHAR).build(), 101),
        field("embedding", DataType.FLOAT_VECTOR).setDim(2).build()), true);
    List<FieldData> logged = List.of(
        longs("id", 1L).toBuilder().clearType().build(),
        strings("", "one").toBuilder().setFieldId(101).build(),
        floatVectors("embedding", 0, 0.5f, 1.5f),
        json("$meta", "{\"color\":\"red\"}"));

    assertThat(SchemaTypedColumns.read(logged, schema, 1)).containsExactly(
        Columns.scalars("id", DataType.INT64, LittleEndianPacker.packLongs(new long[] {1})),
        Columns.strings("title", DataType.VARCHAR, List.of("one")),
        Columns.vectors("embedding", DataType.FLOAT_VECTOR, 2, VectorPacker.packFloatVectors(new float[][] {{0.5f, 1.5f}}, 2)),
        Columns.rowBytes("$meta", DataType.JSON, List.of(utf8("{\"color\":\"red\"}"))));
  }

  @Test
  void fieldsTheRecordLeavesOutAreFilledAsTheServerFillsThem() {
    CollectionSchema schema = collection(List.of(primaryKey("id"),
        field("stock", DataType.INT32).setDefaultValue(5).build(),
        field("note", DataType.VARCHAR).setMaxLength(8).setNullable(true).build()), true);

    assertThat(SchemaTypedColumns.read(List.of(longs("id", 1L, 2L)), schema, 2)).containsExactly(
        Columns.scalars("id", DataType.INT64, LittleEndianPacker.packLongs(new long[] {1, 2})),
        Columns.scalars("stock", DataType.INT32, LittleEndianPacker.packInts(new int[] {5, 5})),
        Columns.withValidity(Columns.strings("note", DataType.VARCHAR, List.of("", "")), new boolean[] {false, false}),
        Columns.rowBytes("$meta", DataType.JSON, List.of(utf8("{}"), utf8("{}"))));
  }

  @Test
  void nullMarkersFollowTheSchema() {
    CollectionSchema schema = collection(List.of(primaryKey("id"),
        field("stock", DataType.INT32).setDefaultValue(5).build(),
        field("rank", DataType.INT32).build(),
        field("note", DataType.VARCHAR).setMaxLength(8).setNullable(true).build()), false);
    List<FieldData> logged = List.of(longs("id", 1L, 2L),
        ints("stock", io.milvus.grpc.DataType.Int32, 9).toBuilder().addAllValidData(List.of(false, true)).build(),
        ints("rank", io.milvus.grpc.DataType.Int32, 3, 4).toBuilder().addAllValidData(List.of(true, true)).build(),
        strings("note", "b").toBuilder().addAllValidData(List.of(false, true)).build());

    assertThat(SchemaTypedColumns.read(logged, schema, 2)).containsExactly(
        Columns.scalars("id", DataType.INT64, LittleEndianPacker.packLongs(new long[] {1, 2})),
        Columns.scalars("stock", DataType.INT32, LittleEndianPacker.packInts(new int[] {5, 9})),
        Columns.scalars("rank", DataType.INT32, LittleEndianPacker.packInts(new int[] {3, 4})),
        Columns.withValidity(Columns.strings("note", DataType.VARCHAR, List.of("", "b")), new boolean[] {false, true}));
  }

  @Test
  void aRecordThatContradictsTheSchemaFailsNamingCollectionFieldAndDifference() {
    CollectionSchema schema = collection(List.of(primaryKey("id"), withId(array("tags", DataType.VARCHAR), 102),
        field("rank", DataType.INT32).build(), field("embedding", DataType.FLOAT_VECTOR).setDim(2).build()), false);
    FieldData id = longs("id", 1L);
    FieldData tags = array("tags", row(io.milvus.grpc.DataType.VarChar, List.of("a")));
    FieldData rank = ints("rank", io.milvus.grpc.DataType.Int32, 3);
    FieldData embedding = floatVectors("embedding", 2, 0.5f, 1.5f);
    String prefix = "The logged insert into db.c does not match the collection's schema: ";

    assertRefused(schema, List.of(id, tags, rank.toBuilder().setType(io.milvus.grpc.DataType.Int64).build(), embedding),
        prefix + "field 'rank' is INT32 in the schema but the record says Int64.");
    assertRefused(schema, List.of(id, elementType(tags, io.milvus.grpc.DataType.Int64), rank, embedding),
        prefix + "field 'tags' is ARRAY<VARCHAR> in the schema but the record says its elements are Int64.");
    assertRefused(schema, List.of(id, array("tags", row(io.milvus.grpc.DataType.Int64, List.of(4L))), rank, embedding),
        prefix + "field 'tags' is ARRAY<VARCHAR> in the schema but the record carries its values as LONG_DATA.");
    assertRefused(schema, List.of(id, tags, rank, floatVectors("embedding", 1, 0.5f, 1.5f)),
        prefix + "field 'embedding' has dimension 2 in the schema but 1 in the record.");
    assertRefused(schema, List.of(id, tags.toBuilder().setFieldId(103).build(), rank, embedding),
        prefix + "field 'tags' has id 102 in the schema but 103 in the record.");
    assertRefused(schema, List.of(id, tags, rank, embedding, strings("color", "red")),
        prefix + "the record holds a column for field 'color', which the collection does not have.");
    assertRefused(schema, List.of(id, tags, rank, embedding, dynamic("{}")),
        prefix + "the record holds dynamic fields ($meta) but the collection has no dynamic field.");
    assertRefused(schema, List.of(id, tags, rank, rank, embedding),
        prefix + "the record holds two columns for field 'rank'.");
    assertRefused(schema, List.of(id, tags, embedding),
        prefix + "the record has no column for field 'rank', which is not nullable and has no default value.");
    assertRefused(schema, List.of(id, tags, rank.toBuilder().addAllValidData(List.of(false)).clearScalars().build(),
        embedding), prefix + "row 0 of field 'rank' is null, but the field is not nullable and has no default value.");
    assertRefused(schema, List.of(id, tags, ints("rank", io.milvus.grpc.DataType.Int32, 3, 4), embedding),
        prefix + "field 'rank' holds 2 rows but the insert has 1.");
  }

  @Test
  void vectorsOfEveryKindAreReadWithTheSchemasDimension() {
    byte[] halfs = {1, 2, 3, 4};
    CollectionSchema schema = collection(List.of(primaryKey("id"), field("bits", DataType.BINARY_VECTOR).setDim(16)
        .build(), field("halfs", DataType.FLOAT16_VECTOR).setDim(2).build()), false);
    List<FieldData> logged = List.of(longs("id", 1L),
        FieldData.newBuilder().setFieldName("bits").setType(io.milvus.grpc.DataType.BinaryVector)
            .setVectors(VectorField.newBuilder().setBinaryVector(ByteString.copyFrom(new byte[] {5, 6}))).build(),
        FieldData.newBuilder().setFieldName("halfs").setType(io.milvus.grpc.DataType.Float16Vector)
            .setVectors(VectorField.newBuilder().setFloat16Vector(ByteString.copyFrom(halfs))).build());

    assertThat(SchemaTypedColumns.read(logged, schema, 1)).containsExactly(
        Columns.scalars("id", DataType.INT64, LittleEndianPacker.packLongs(new long[] {1})),
        Columns.vectors("bits", DataType.BINARY_VECTOR, 16, ByteBuffer.wrap(new byte[] {5, 6})),
        Columns.vectors("halfs", DataType.FLOAT16_VECTOR, 2, ByteBuffer.wrap(halfs)));
  }

  private static void assertRefused(CollectionSchema schema, List<FieldData> logged, String message) {
    assertThatThrownBy(() -> SchemaTypedColumns.read(logged, schema, 1)).isInstanceOf(SchemaMismatch.class)
        .hasMessage(message);
  }

  private static FieldData elementType(FieldData array, io.milvus.grpc.DataType elementType) {
    FieldData.Builder builder = array.toBuilder();
    builder.getScalarsBuilder().getArrayDataBuilder().setElementType(elementType);
    return builder.build();
  }

  private static Object sample(io.milvus.grpc.DataType elementType) {
    return switch (elementType) {
      case VarChar -> "x";
      case Int64 -> 7L;
      case Int32, Int16, Int8 -> 7;
      case Float -> 0.25f;
      case Double -> 0.25;
      case Bool -> true;
      default -> throw new IllegalArgumentException(elementType.name());
    };
  }

  private static PackedValues empty() {
    return new PackedValues(ByteBuffer.allocate(0));
  }

  private static FieldSchema withId(FieldSchema field, long id) {
    return FieldSchema.newBuilder(field).setFieldId(id).build();
  }

  private static FieldSchema.Builder field(String name, DataType type) {
    return SampleSchemas.field(name, type);
  }

  private static CollectionSchema collection(List<FieldSchema> fields, boolean dynamic) {
    return SampleSchemas.collection("db", "c", fields, dynamic);
  }

  private static Column column(List<Column> columns, String name) {
    return columns.stream().filter(c -> c.getFieldName().equals(name)).findFirst().orElseThrow();
  }

  private static ByteBuffer utf8(String text) {
    return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
  }
}
