package dev.milvusmigrate.exporter;

import dev.milvusmigrate.milvus.Page;
import dev.milvusmigrate.schemas.avro.Column;
import dev.milvusmigrate.schemas.avro.EntityBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns the pages of one partition into {@link EntityBatch}es of at most {@code batchBytes}
 * (estimated encoded size): small pages are merged, large pages split. Chunks are numbered on
 * from {@code firstChunk} and {@code rows_before} counts on from {@code rowsBefore}, so the
 * numbering continues across the partitions of a collection. A single row larger than the
 * limit becomes a batch of its own.
 */
final class BatchAssembler {

  private final BatchTarget target;
  private final long batchBytes;
  private final List<Page> pendingPages = new ArrayList<>();
  private final List<int[]> pendingRanges = new ArrayList<>();
  private long pendingBytes;
  private int pendingRows;
  private long nextChunk;
  private long rowsEmitted;

  BatchAssembler(BatchTarget target, long batchBytes, long firstChunk, long rowsBefore) {
    this.target = target;
    this.batchBytes = batchBytes;
    this.nextChunk = firstChunk;
    this.rowsEmitted = rowsBefore;
  }

  /** Adds a page and returns the batches it completed, in order. */
  List<EntityBatch> add(Page page) {
    List<EntityBatch> done = new ArrayList<>();
    if (page.isEmpty()) {
      return done;
    }
    long overhead = RowSizes.batchOverhead(page.columns().size());
    long[] sizes = RowSizes.of(page.columns(), page.rowCount());
    int start = 0;
    for (int row = 0; row < sizes.length; row++) {
      boolean hasRows = pendingRows + (row - start) > 0;
      if (hasRows && overhead + pendingBytes + sizes[row] > batchBytes) {
        keep(page, start, row);
        done.add(emit());
        start = row;
      }
      pendingBytes += sizes[row];
    }
    keep(page, start, sizes.length);
    return done;
  }

  /** The batch of the rows still pending, if any. */
  Optional<EntityBatch> finish() {
    return pendingRows == 0 ? Optional.empty() : Optional.of(emit());
  }

  /** Chunk number the next batch of the collection gets. */
  long nextChunk() {
    return nextChunk;
  }

  /** Rows of the collection in emitted batches, those before this assembler included. */
  long rowsEmitted() {
    return rowsEmitted;
  }

  private void keep(Page page, int from, int to) {
    if (to > from) {
      pendingPages.add(page);
      pendingRanges.add(new int[] {from, to});
      pendingRows += to - from;
    }
  }

  private EntityBatch emit() {
    List<Column> columns = new ArrayList<>();
    int columnCount = pendingPages.get(0).columns().size();
    for (int c = 0; c < columnCount; c++) {
      columns.add(ColumnSlices.concat(rangesOfColumn(c)));
    }
    Column pk = columns.stream().filter(column -> column.getFieldName().equals(target.primaryKeyField())).findFirst()
        .orElseThrow(() -> new IllegalStateException("page without primary key column " + target.primaryKeyField()));
    EntityBatch batch = EntityBatch.newBuilder().setJobId(target.jobId()).setDatabase(target.name().database())
        .setCollection(target.name().collection()).setPartition(target.partition()).setChunk(nextChunk)
        .setRowCount(pendingRows).setSnapshotTs(target.snapshotTs()).setRowsBefore(rowsEmitted)
        .setFirstPk(PrimaryKeys.at(pk, 0)).setLastPk(PrimaryKeys.at(pk, pendingRows - 1)).setColumns(columns).build();
    nextChunk++;
    rowsEmitted += pendingRows;
    pendingPages.clear();
    pendingRanges.clear();
    pendingBytes = 0;
    pendingRows = 0;
    return batch;
  }

  /**
   * The slices of column {@code c} of the first pending page in every pending page, found by name:
   * Milvus 2.3 returns the fields of a query in no fixed order, so pages of one scan may differ.
   */
  private List<ColumnSlices.Range> rangesOfColumn(int c) {
    List<ColumnSlices.Range> ranges = new ArrayList<>();
    String name = pendingPages.get(0).columns().get(c).getFieldName();
    for (int i = 0; i < pendingPages.size(); i++) {
      Column column = columnNamed(pendingPages.get(i), name);
      int[] range = pendingRanges.get(i);
      ranges.add(new ColumnSlices.Range(column, range[0], range[1]));
    }
    return ranges;
  }

  private Column columnNamed(Page page, String name) {
    if (page.columns().size() != pendingPages.get(0).columns().size()) {
      throw new IllegalStateException("pages of " + target.name().collection() + " differ in their columns: "
          + names(pendingPages.get(0)) + " vs " + names(page));
    }
    return page.columns().stream().filter(column -> column.getFieldName().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalStateException("pages of " + target.name().collection()
            + " differ in their columns: " + names(pendingPages.get(0)) + " vs " + names(page)));
  }

  private static List<String> names(Page page) {
    return page.columns().stream().map(Column::getFieldName).toList();
  }
}
