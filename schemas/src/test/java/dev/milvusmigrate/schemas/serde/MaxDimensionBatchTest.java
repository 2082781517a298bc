package dev.milvusmigrate.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import dev.milvusmigrate.schemas.avro.Column;
import dev.milvusmigrate.schemas.avro.DataType;
import dev.milvusmigrate.schemas.avro.EntityBatch;
import dev.milvusmigrate.schemas.avro.PackedValues;
import dev.milvusmigrate.schemas.columns.Columns;
import dev.milvusmigrate.schemas.columns.ValueWidth;
import dev.milvusmigrate.schemas.columns.VectorPacker;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Milvus caps dense vectors at 32768 dimensions; such rows must pack and round-trip intact. */
class MaxDimensionBatchTest {

  private static final int MAX_DIM = 32_768;
  private static final int ROWS = 3;

  @Test
  void floatVectorsOfMaxDimensionRoundTrip() {
    float[][] rows = new float[ROWS][MAX_DIM];
    Random random = new Random(42);
    for (float[] row : rows) {
      for (int i = 0; i < MAX_DIM; i++) {
        row[i] = random.nextFloat() * 2 - 1;
      }
    }
    Column column = Columns.vectors("vec", DataType.FLOAT_VECTOR, MAX_DIM, VectorPacker.packFloatVectors(rows, MAX_DIM));

    PackedValues back = roundTripColumn(column);

    assertThat(back.getData().remaining()).isEqualTo(ROWS * MAX_DIM * Float.BYTES);
    float[][] unpacked = VectorPacker.unpackFloatVectors(back.getData(), MAX_DIM);
    for (int row = 0; row < ROWS; row++) {
      assertThat(unpacked[row]).containsExactly(rows[row]);
    }
  }

  @Test
  void byteVectorsOfMaxDimensionRoundTrip() {
    for (DataType type : List.of(DataType.BINARY_VECTOR, DataType.FLOAT16_VECTOR, DataType.BFLOAT16_VECTOR, DataType.INT8_VECTOR)) {
      int width = ValueWidth.ofVector(type, MAX_DIM);
      byte[][] rows = randomRows(width);
      Column column = Columns.vectors("vec", type, MAX_DIM, VectorPacker.packFixedWidthRows(rows, width));

      byte[][] back = VectorPacker.unpackFixedWidthRows(roundTripColumn(column).getData(), width);

      assertThat(back).as(type.name()).hasNumberOfRows(ROWS);
      for (int row = 0; row < ROWS; row++) {
        assertThat(back[row]).as(type + " row " + row).hasSize(width).containsExactly(rows[row]);
      }
    }
  }

  @Test
  void vectorWidthsFollowMilvusLayouts() {
    assertThat(ValueWidth.ofVector(DataType.FLOAT_VECTOR, MAX_DIM)).isEqualTo(131_072);
    assertThat(ValueWidth.ofVector(DataType.BINARY_VECTOR, MAX_DIM)).isEqualTo(4_096);
    assertThat(ValueWidth.ofVector(DataType.FLOAT16_VECTOR, MAX_DIM)).isEqualTo(65_536);
    assertThat(ValueWidth.ofVector(DataType.BFLOAT16_VECTOR, MAX_DIM)).isEqualTo(65_536);
    assertThat(ValueWidth.ofVector(DataType.INT8_VECTOR, MAX_DIM)).isEqualTo(MAX_DIM);
  }

  private static PackedValues roundTripColumn(Column column) {
    EntityBatch batch = EntityBatch.newBuilder().setJobId("j").setDatabase("d").setCollection("c").setChunk(0)
        .setRowCount(ROWS).setSnapshotTs(1L).setColumns(List.of(column)).build();
    EntityBatch back = AvroSerdeRoundTripTest.roundTrip(batch);
    assertThat(back.getColumns().get(0).getDim()).isEqualTo(MAX_DIM);
    return (PackedValues) back.getColumns().get(0).getValues();
  }

  private static byte[][] randomRows(int width) {
    Random random = new Random(width);
    byte[][] rows = new byte[ROWS][width];
    for (byte[] row : rows) {
      random.nextBytes(row);
    }
    return rows;
  }
}
