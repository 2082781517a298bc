package dev.milvusmigrate.verification;

import static org.assertj.core.api.Assertions.assertThat;

import dev.milvusmigrate.schemas.avro.CollectionSchema;
import dev.milvusmigrate.schemas.avro.DataType;
import dev.milvusmigrate.schemas.avro.FieldSchema;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class PartitionTallyTest {

  @Test
  void sumsPartitionsAndNamesThePartitionOfEachExample() {
    PartitionTally tally = new PartitionTally(10);
    tally.add("_default", new KeyComparison(10, 10, 0, 0, List.of()));
    tally.add("p1", new KeyComparison(5, 6, 0, 1, List.of("unexpected in target: 7")));
    tally.counted(15, 16);

    assertThat(tally.sourceDistinct()).isEqualTo(15);
    assertThat(tally.targetDistinct()).isEqualTo(16);
    assertThat(tally.unexpected()).isEqualTo(1);
    assertThat(tally.excessInTarget()).isZero();
    assertThat(tally.examples()).containsExactly("unexpected in target: 7 (partition p1)");
  }

  @Test
  void aTargetCountingMoreRowsThanItsDistinctPairsHoldsAKeyTwice() {
    PartitionTally tally = new PartitionTally(10);
    tally.add(null, new KeyComparison(100, 100, 0, 0, List.of()));
    tally.counted(100, 118);

    assertThat(tally.excessInTarget()).isEqualTo(18);
    assertThat(tally.examples()).containsExactly(
        "the target counts 118 rows for 100 distinct keys, the source 100 for 100: 18 rows repeat a key the source holds once");
  }

  @Test
  void repeatsTheSourceHoldsToo() {
    PartitionTally sameAsSource = new PartitionTally(10);
    sameAsSource.add(null, new KeyComparison(100, 100, 0, 0, List.of()));
    sameAsSource.counted(103, 103);
    PartitionTally fewer = new PartitionTally(10);
    fewer.add(null, new KeyComparison(100, 100, 0, 0, List.of()));
    fewer.counted(103, 100);

    assertThat(sameAsSource.excessInTarget()).isZero();
    assertThat(fewer.excessInTarget()).isZero();
  }

  @Test
  void partitionsAreComparedOneByOneUnlessOnlyTheDefaultOneExistsOrThePartitionKeyRoutes() {
    assertThat(ComparedPartitions.of(schema(false, "_default", "p1"), schema(false, "_default", "p2")))
        .containsExactly("_default", "p1", "p2");
    assertThat(ComparedPartitions.of(schema(false, "_default"), schema(false, "_default")))
        .containsExactly((String) null);
    assertThat(ComparedPartitions.of(schema(true, "_default_0", "_default_1"), null)).containsExactly((String) null);
    assertThat(ComparedPartitions.separately(Arrays.asList((String) null))).isFalse();
  }

  private static CollectionSchema schema(boolean partitionKey, String... partitions) {
    FieldSchema id = FieldSchema.newBuilder().setName("id").setDataType(DataType.INT64).setIsPrimaryKey(true).build();
    FieldSchema tenant = FieldSchema.newBuilder().setName("tenant").setDataType(DataType.INT64)
        .setIsPartitionKey(partitionKey).build();
    return CollectionSchema.newBuilder().setDatabase("db").setCollection("c").setFields(List.of(id, tenant))
        .setPartitions(List.of(partitions)).build();
  }
}
