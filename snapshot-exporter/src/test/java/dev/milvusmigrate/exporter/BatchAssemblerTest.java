package dev.milvusmigrate.exporter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.milvusmigrate.core.domain.CollectionName;
import dev.milvusmigrate.schemas.avro.Column;
import dev.milvusmigrate.schemas.avro.DataType;
import dev.milvusmigrate.schemas.avro.EntityBatch;
import dev.milvusmigrate.schemas.avro.SnapshotEvent;
import dev.milvusmigrate.schemas.columns.Columns;
import dev.milvusmigrate.schemas.columns.LittleEndianPacker;
import dev.milvusmigrate.schemas.columns.NullBitmap;
import dev.milvusmigrate.schemas.serde.AvroSerde;
import dev.milvusmigrate.milvus.Page;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class BatchAssemblerTest {

  private static final BatchTarget TARGET = new BatchTarget("job-1", new CollectionName("shop", "books"), "p1", "id",
      1234L);
  private static final long OVERHEAD = RowSizes.batchOverhead(3);

  @Test
  void mergesSmallPagesUpToTheLimit() {
    BatchAssembler assembler = assembler(OVERHEAD + 10 * TestPages.ROW_BYTES, 0, 0);

    List<EntityBatch> batches = new ArrayList<>();
    batches.addAll(assembler.add(TestPages.page(0, 4)));
    batches.addAll(assembler.add(TestPages.page(4, 8)));
    batches.addAll(assembler.add(TestPages.page(8, 12)));
    assembler.finish().ifPresent(batches::add);

    assertThat(batches).extracting(EntityBatch::getRowCount).containsExactly(10, 2);
    assertThat(TestPages.ids(batches.get(0).getColumns().get(0))).containsExactly(LongStream.range(0, 10).toArray());
    assertThat(TestPages.titles(batches.get(0).getColumns().get(1))).containsExactlyElementsOf(
        LongStream.range(0, 10).mapToObj(TestPages::title).toList());
    assertThat(TestPages.vectors(batches.get(1).getColumns().get(2))).containsExactly(10f, -10f, 11f, -11f);
  }

  @Test
  void splitsALargePageAndNumbersChunksWithRowsBeforeAndKeys() {
    BatchAssembler assembler = assembler(OVERHEAD + 4 * TestPages.ROW_BYTES, 5, 100);

    List<EntityBatch> batches = new ArrayList<>(assembler.add(TestPages.page(0, 10)));
    assembler.finish().ifPresent(batches::add);

    assertThat(batches).extracting(EntityBatch::getRowCount).containsExactly(4, 4, 2);
    assertThat(batches).extracting(EntityBatch::getChunk).containsExactly(5L, 6L, 7L);
    assertThat(batches).extracting(EntityBatch::getRowsBefore).containsExactly(100L, 104L, 108L);
    assertThat(batches).extracting(EntityBatch::getFirstPk).containsExactly(0L, 4L, 8L);
    assertThat(batches).extracting(EntityBatch::getLastPk).containsExactly(3L, 7L, 9L);
    assertThat(batches).allSatisfy(batch -> {
      assertThat(batch.getPartition()).isEqualTo("p1");
      assertThat(batch.getSnapshotTs()).isEqualTo(1234L);
      assertThat(batch.getColumns()).allSatisfy(column -> assertThat(Columns.rowCount(column))
          .isEqualTo(batch.getRowCount()));
    });
    assertThat(assembler.nextChunk()).isEqualTo(8);
    assertThat(assembler.rowsEmitted()).isEqualTo(110);
  }

  @Test
  void everyEncodedBatchStaysWithinTheLimit() {
    long limit = 2048;
    BatchAssembler assembler = assembler(limit, 0, 0);

    List<EntityBatch> batches = new ArrayList<>();
    for (long from = 0; from < 1000; from += 137) {
      batches.addAll(assembler.add(TestPages.page(from, Math.min(1000, from + 137))));
    }
    assembler.finish().ifPresent(batches::add);

    AvroSerde<SnapshotEvent> serde = AvroSerde.of(SnapshotEvent.class);
    assertThat(batches).allSatisfy(batch ->
        assertThat(serde.serializer().serialize("t", new SnapshotEvent(batch)).length).isLessThanOrEqualTo((int) limit));
    assertThat(batches.stream().mapToInt(EntityBatch::getRowCount).sum()).isEqualTo(1000);
    long[] all = batches.stream().flatMapToLong(batch -> LongStream.of(TestPages.ids(batch.getColumns().get(0))))
        .toArray();
    assertThat(all).containsExactly(LongStream.range(0, 1000).toArray());
    assertThat(batches.size()).isGreaterThan(10);
  }

  @Test
  void aRowLargerThanTheLimitBecomesABatchOfItsOwn() {
    BatchAssembler assembler = assembler(OVERHEAD + TestPages.ROW_BYTES / 2, 0, 0);

    List<EntityBatch> batches = new ArrayList<>(assembler.add(TestPages.page(0, 3)));
    assembler.finish().ifPresent(batches::add);

    assertThat(batches).extracting(EntityBatch::getRowCount).containsExactly(1, 1, 1);
    assertThat(batches).extracting(EntityBatch::getFirstPk).containsExactly(0L, 1L, 2L);
  }

  @Test
  void emptyPagesAndAnEmptyFinishProduceNothing() {
    BatchAssembler assembler = assembler(4096, 3, 30);

    assertThat(assembler.add(TestPages.page(0, 0))).isEmpty();
    assertThat(assembler.finish()).isEmpty();
    assertThat(assembler.nextChunk()).isEqualTo(3);
    assertThat(assembler.rowsEmitted()).isEqualTo(30);
  }

  @Test
  void joinsPagesWhoseColumnsComeInAnotherOrder() {
    BatchAssembler assembler = assembler(OVERHEAD + 10 * TestPages.ROW_BYTES, 0, 0);
    Page first = TestPages.page(0, 4);
    Page second = TestPages.page(4, 8);
    List<Column> reversed = new ArrayList<>(second.columns());
    Collections.reverse(reversed);
    Page shuffled = new Page(reversed, second.rowCount(), second.firstPk(), second.lastPk(), second.payloadBytes());

    List<EntityBatch> batches = new ArrayList<>(assembler.add(first));
    batches.addAll(assembler.add(shuffled));
    assembler.finish().ifPresent(batches::add);

    assertThat(batches).hasSize(1);
    List<Column> columns = batches.get(0).getColumns();
    assertThat(columns).extracting(Column::getFieldName).containsExactly("id", "title", "embedding");
    assertThat(TestPages.ids(columns.get(0))).containsExactly(LongStream.range(0, 8).toArray());
    assertThat(TestPages.titles(columns.get(1))).containsExactlyElementsOf(
        LongStream.range(0, 8).mapToObj(TestPages::title).toList());
    assertThat(TestPages.vectors(columns.get(2))).hasSize(16).startsWith(0f, 0f, 1f, -1f).endsWith(7f, -7f);
  }

  @Test
  void refusesPagesWithDifferentColumns() {
    BatchAssembler assembler = assembler(OVERHEAD + 10 * TestPages.ROW_BYTES, 0, 0);
    assembler.add(TestPages.page(0, 4));
    assembler.add(nullablePage(4, 6, new boolean[] {true, true}));

    assertThatThrownBy(assembler::finish).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("differ in their columns");
  }

  @Test
  void nullBitmapsAreCutAndJoinedWithTheRows() {
    BatchAssembler assembler = assembler(RowSizes.batchOverhead(2) + 3 * 16, 0, 0);
    List<EntityBatch> batches = new ArrayList<>();
    batches.addAll(assembler.add(nullablePage(0, 2, new boolean[] {true, false})));
    batches.addAll(assembler.add(nullablePage(2, 6, new boolean[] {true, true, false, true})));
    assembler.finish().ifPresent(batches::add);

    assertThat(batches).extracting(EntityBatch::getRowCount).containsExactly(3, 3);
    assertThat(NullBitmap.toValid(batches.get(0).getColumns().get(1).getValidity(), 3))
        .containsExactly(true, false, true);
    assertThat(NullBitmap.toValid(batches.get(1).getColumns().get(1).getValidity(), 3))
        .containsExactly(true, false, true);
  }

  private static Page nullablePage(long from, long to, boolean[] valid) {
    long[] ids = LongStream.range(from, to).toArray();
    Column id = Columns.scalars("id", DataType.INT64, LittleEndianPacker.packLongs(ids));
    Column score = Columns.withValidity(Columns.scalars("score", DataType.DOUBLE,
        LittleEndianPacker.packDoubles(LongStream.of(ids).mapToDouble(i -> i / 2.0).toArray())), valid);
    return new Page(List.of(id, score), ids.length, from, to - 1, ids.length * 16L);
  }

  private static BatchAssembler assembler(long limit, long firstChunk, long rowsBefore) {
    return new BatchAssembler(TARGET, limit, firstChunk, rowsBefore);
  }
}
