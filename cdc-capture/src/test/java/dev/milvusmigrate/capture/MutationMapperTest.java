package dev.milvusmigrate.capture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.milvusmigrate.milvus.wal.WalDelete;
import dev.milvusmigrate.milvus.wal.WalInsert;
import dev.milvusmigrate.milvus.wal.WalKeys;
import dev.milvusmigrate.schemas.avro.Column;
import dev.milvusmigrate.schemas.avro.DataType;
import dev.milvusmigrate.schemas.avro.Mutation;
import dev.milvusmigrate.schemas.avro.MutationOp;
import dev.milvusmigrate.schemas.avro.PackedValues;
import dev.milvusmigrate.schemas.avro.PrimaryKeys;
import dev.milvusmigrate.schemas.avro.StringValues;
import dev.milvusmigrate.schemas.columns.Columns;
import dev.milvusmigrate.schemas.columns.LittleEndianPacker;
import dev.milvusmigrate.schemas.columns.VectorPacker;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class MutationMapperTest {

  private static final String TOPIC = "by-dev-rootcoord-dml_3";
  private static final long TS_1 = (1_763_700_000_000L << 18) | 1;
  private static final long TS_2 = (1_763_700_000_000L << 18) | 2;

  private static final ResolvedCollection BOOKS = new ResolvedCollection("library", "books", "id", false);
  private static final WalPosition POSITION = new WalPosition(TOPIC, 0, 41L);
  /** Two rows (id 7 and 8) at TS_1 and TS_2, as read with the collection's schema. */
  private static final List<Column> COLUMNS = List.of(
      Columns.scalars("id", DataType.INT64, LittleEndianPacker.packLongs(new long[] {7, 8})),
      Columns.strings("title", DataType.VARCHAR, List.of("seven", "eight")),
      Columns.vectors("embedding", DataType.FLOAT_VECTOR, 2,
          VectorPacker.packFloatVectors(new float[][] {{0.5f, 1.5f}, {2.5f, 3.5f}}, 2)),
      Columns.rowBytes("info", DataType.JSON, List.of(utf8("{\"n\":7}"), utf8("{\"n\":8}"))));
  private static final WalInsert INSERT = new WalInsert(1, "books", "_default", TOPIC + "_1v0", List.of(TS_1, TS_2),
      schema -> COLUMNS);

  private final MutationMapper mapper = new MutationMapper("job-7");

  @Test
  void insertBecomesOneMutationPerRowWithThatRowsTimestampAndValues() {
    List<Mutation> mutations = mapper.inserts(INSERT, COLUMNS, BOOKS, POSITION);

    assertThat(mutations).containsExactly(
        insertOf(TS_1, 7, "seven", new float[] {0.5f, 1.5f}, "{\"n\":7}"),
        insertOf(TS_2, 8, "eight", new float[] {2.5f, 3.5f}, "{\"n\":8}"));
  }

  @Test
  void partitionKeyCollectionsNameNoPartition() {
    ResolvedCollection routedByKey = new ResolvedCollection("library", "books", "id", true);

    assertThat(mapper.inserts(INSERT, COLUMNS, routedByKey, POSITION)).extracting(Mutation::getPartition)
        .containsExactly(null, null);
    assertThat(mapper.deletes(new WalDelete(1, "books", "_default", new WalKeys.Int64(List.of(8L)), List.of(TS_1)),
        routedByKey, POSITION)).extracting(Mutation::getPartition).containsExactly((String) null);
  }

  @Test
  void int64DeleteBecomesOneMutationPerKey() {
    WalDelete delete = new WalDelete(1, "books", "_default", new WalKeys.Int64(List.of(8L, 10L)), List.of(TS_1, TS_2));

    assertThat(mapper.deletes(delete, BOOKS, POSITION)).containsExactly(
        deleteOf(TS_1, new PackedValues(LittleEndianPacker.packLongs(new long[] {8}))),
        deleteOf(TS_2, new PackedValues(LittleEndianPacker.packLongs(new long[] {10}))));
  }

  @Test
  void varcharDeleteBecomesOneMutationPerKey() {
    WalDelete delete = new WalDelete(1, "books", "_default", new WalKeys.Varchar(List.of("a-1", "b-2")),
        List.of(TS_2, TS_2));

    assertThat(mapper.deletes(delete, BOOKS, POSITION)).containsExactly(
        deleteOf(TS_2, new StringValues(List.of("a-1"))),
        deleteOf(TS_2, new StringValues(List.of("b-2"))));
  }

  @Test
  void deleteFromEveryPartitionNamesNoPartition() {
    WalDelete delete = new WalDelete(1, "books", "", new WalKeys.Int64(List.of(3L)), List.of(TS_1));

    assertThat(mapper.deletes(delete, BOOKS, POSITION)).containsExactly(
        Mutation.newBuilder(deleteOf(TS_1, new PackedValues(LittleEndianPacker.packLongs(new long[] {3}))))
            .setPartition(null).build());
  }

  private static Mutation insertOf(long timestamp, long id, String title, float[] vector, String json) {
    return envelope(MutationOp.INSERT, timestamp).setColumns(List.of(
        Columns.scalars("id", DataType.INT64, LittleEndianPacker.packLongs(new long[] {id})),
        Columns.strings("title", DataType.VARCHAR, List.of(title)),
        Columns.vectors("embedding", DataType.FLOAT_VECTOR, 2, VectorPacker.packFloatVectors(new float[][] {vector}, 2)),
        Columns.rowBytes("info", DataType.JSON, List.of(utf8(json)))))
        .build();
  }

  private static ByteBuffer utf8(String text) {
    return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
  }

  private static Mutation deleteOf(long timestamp, Object key) {
    return envelope(MutationOp.DELETE, timestamp).setPrimaryKeys(new PrimaryKeys("id", key)).build();
  }

  private static Mutation.Builder envelope(MutationOp op, long timestamp) {
    return Mutation.newBuilder().setJobId("job-7").setOp(op).setSourceTs(timestamp).setDatabase("library")
        .setCollection("books").setPartition("_default").setRowCount(1)
        .setSourceTopic(TOPIC).setSourcePartition(0).setSourceOffset(41L);
  }
}
