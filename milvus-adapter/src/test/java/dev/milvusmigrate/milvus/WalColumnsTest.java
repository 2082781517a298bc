package dev.milvusmigrate.milvus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.milvusmigrate.schemas.avro.CollectionSchema;
import dev.milvusmigrate.schemas.avro.Column;
import dev.milvusmigrate.schemas.avro.DataType;
import dev.milvusmigrate.schemas.columns.Columns;
import io.milvus.grpc.FieldData;
import io.milvus.grpc.ScalarField;
import io.milvus.grpc.StringArray;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.Test;

class WalColumnsTest {

  @Test
  void nullableFieldDataBecomesAColumnWhoseRowsCanBePickedOneByOne() {
    FieldData titles = FieldData.newBuilder().setFieldName("title").setType(io.milvus.grpc.DataType.VarChar)
        .setScalars(ScalarField.newBuilder().setStringData(StringArray.newBuilder().addAllData(List.of("a", "c"))))
        .addAllValidData(List.of(true, false, true)).build();

    CollectionSchema schema = SampleSchemas.collection("db", "c",
        List.of(SampleSchemas.field("title", DataType.VARCHAR).setMaxLength(8).setNullable(true).build()), false);

    Column column = WalColumns.toColumns(List.of(titles), schema, 3).get(0);

    assertThat(column).isEqualTo(Columns.withValidity(
        Columns.strings("title", DataType.VARCHAR, List.of("a", "", "c")), new boolean[] {true, false, true}));
    assertThat(WalColumns.selectRows(column, 2)).isEqualTo(Columns.withValidity(
        Columns.strings("title", DataType.VARCHAR, List.of("c")), new boolean[] {true}));
    assertThat(WalColumns.selectRows(column, 1)).isEqualTo(Columns.withValidity(
        Columns.strings("title", DataType.VARCHAR, List.of("")), new boolean[] {false}));
  }

  @Test
  void aPickedVectorRowKeepsTheFieldTheDimensionAndOnlyItsOwnValues() {
    ByteBuffer packed = ByteBuffer.allocate(3 * 2 * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    for (float value = 1; value <= 6; value++) {
      packed.putFloat(value);
    }
    Column vectors = Columns.vectors("embedding", DataType.FLOAT_VECTOR, 2, packed.flip());

    ByteBuffer second = ByteBuffer.allocate(2 * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN).putFloat(3).putFloat(4);
    assertThat(WalColumns.selectRows(vectors, 1))
        .isEqualTo(Columns.vectors("embedding", DataType.FLOAT_VECTOR, 2, second.flip()));
    assertThat(Columns.rowCount(WalColumns.selectRows(vectors, 2, 0))).isEqualTo(2);
  }
}
