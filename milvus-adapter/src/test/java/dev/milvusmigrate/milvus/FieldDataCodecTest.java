package dev.milvusmigrate.milvus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.milvusmigrate.schemas.avro.Column;
import dev.milvusmigrate.schemas.avro.DataType;
import dev.milvusmigrate.schemas.avro.FieldSchema;
import io.milvus.grpc.FieldData;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FieldDataCodecTest {

  private static final long[] KEYS = {3, 1, 4, 9, 6, 5, 2};

  @Test
  void everyTypeRoundTripsThroughFieldData() {
    for (FieldSchema field : everyType(false)) {
      Column column = SampleColumns.column(field, KEYS);

      assertThat(FieldDataCodec.toColumn(FieldDataCodec.toFieldData(column))).as(field.getName()).isEqualTo(column);
    }
  }

  @Test
  void nullRowsAreSentDenselyAndComeBackInTheirSlots() {
    for (FieldSchema field : everyType(true)) {
      Column column = SampleColumns.column(field, KEYS);
      FieldData data = FieldDataCodec.toFieldData(column);

      assertThat(data.getValidDataList()).as(field.getName()).containsExactly(false, true, true, false, false, true, true);
      assertThat(FieldDataCodec.toColumn(data)).as(field.getName()).isEqualTo(column);
    }
  }

  @Test
  void placeholderValuesOfNullRowsAreBlanked() {
    FieldData fromServer = FieldData.newBuilder().setType(io.milvus.grpc.DataType.JSON).setFieldName("j")
        .setScalars(io.milvus.grpc.ScalarField.newBuilder().setJsonData(io.milvus.grpc.JSONArray.newBuilder()
            .addData(com.google.protobuf.ByteString.copyFromUtf8("{\"a\":1}"))
            .addData(com.google.protobuf.ByteString.copyFromUtf8("null"))))
        .addValidData(true).addValidData(false).build();

    Column column = FieldDataCodec.toColumn(fromServer);

    assertThat(((dev.milvusmigrate.schemas.avro.RowBytesValues) column.getValues()).getRows())
        .extracting(java.nio.ByteBuffer::remaining).containsExactly(7, 0);
  }

  @Test
  void dynamicFieldTravelsAsMeta() {
    List<Column> columns = SampleColumns.columns(List.of(SampleSchemas.primaryKey("id")), KEYS, true);
    FieldData meta = FieldDataCodec.toFieldData(columns.get(1));

    assertThat(meta.getIsDynamic()).isTrue();
    assertThat(meta.getFieldName()).isEqualTo("$meta");
    assertThat(FieldDataCodec.toColumn(meta.toBuilder().setFieldName("").build())).isEqualTo(columns.get(1));
  }

  @Test
  void sparseVectorsCarryTheBatchDimension() {
    Column sparse = SampleColumns.column(SampleSchemas.field("s", DataType.SPARSE_FLOAT_VECTOR).build(), KEYS);

    assertThat(FieldDataCodec.toFieldData(sparse).getVectors().getSparseFloatVector().getDim()).isEqualTo(107);
  }

  private static List<FieldSchema> everyType(boolean nullable) {
    List<FieldSchema> fields = new ArrayList<>();
    for (DataType type : List.of(DataType.BOOL, DataType.INT8, DataType.INT16, DataType.INT32, DataType.INT64,
        DataType.FLOAT, DataType.DOUBLE, DataType.VARCHAR, DataType.GEOMETRY, DataType.TIMESTAMPTZ, DataType.JSON,
        DataType.SPARSE_FLOAT_VECTOR)) {
      fields.add(SampleSchemas.field(type.name(), type).setNullable(nullable).build());
    }
    for (DataType element : List.of(DataType.VARCHAR, DataType.INT64, DataType.FLOAT, DataType.INT32, DataType.BOOL,
        DataType.DOUBLE, DataType.INT8, DataType.INT16)) {
      fields.add(FieldSchema.newBuilder(SampleSchemas.array("array_" + element, element)).setNullable(nullable).build());
    }
    for (DataType type : List.of(DataType.FLOAT_VECTOR, DataType.BINARY_VECTOR, DataType.FLOAT16_VECTOR,
        DataType.BFLOAT16_VECTOR, DataType.INT8_VECTOR)) {
      fields.add(SampleSchemas.field(type.name(), type).setDim(16).setNullable(nullable).build());
    }
    return fields;
  }
}
