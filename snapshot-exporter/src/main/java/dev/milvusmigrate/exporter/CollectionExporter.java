package dev.milvusmigrate.exporter;

import dev.milvusmigrate.core.domain.CollectionName;
import dev.milvusmigrate.milvus.MilvusAccessException;
import dev.milvusmigrate.milvus.Page;
import dev.milvusmigrate.milvus.PageRequest;
import dev.milvusmigrate.milvus.PageSizer;
import dev.milvusmigrate.milvus.TemporaryLoad;
import dev.milvusmigrate.schemas.avro.CollectionSchema;
import dev.milvusmigrate.schemas.avro.EntityBatch;
import dev.milvusmigrate.schemas.avro.ExporterCheckpoint;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exports one collection: each partition in turn, pages of rows with pk greater than the last
 * one published, in ascending order, grouped into batches; one Kafka transaction per batch with
 * the partition's checkpoint. The first transaction also carries the schema, the last the
 * SNAPSHOT_END marker with the rows of the whole collection. Continues from {@link
 * CollectionResume} after a restart.
 */
final class CollectionExporter {

  private static final Logger log = LoggerFactory.getLogger(CollectionExporter.class);

  private final JobContext context;
  private final CollectionSchema schema;
  private final CollectionName name;
  private final String primaryKey;
  private final List<String> partitions;
  private final long snapshotTs;
  private final CollectionResume resume;
  private boolean schemaPending;
  private long nextChunk;
  private long rowsRead;

  CollectionExporter(JobContext context, PlannedCollection planned, CollectionResume resume, long jobSnapshotTs) {
    this.context = context;
    this.schema = planned.schema();
    this.name = planned.name();
    this.primaryKey = PartitionsToRead.primaryKeyField(schema);
    this.partitions = PartitionsToRead.of(schema);
    this.snapshotTs = resume.snapshotTs().orElse(jobSnapshotTs);
    this.resume = resume;
    this.schemaPending = !resume.schemaPublished();
    this.nextChunk = resume.nextChunk();
    this.rowsRead = resume.rowsRead();
  }

  /** Exports what is left of the collection and returns its total row count. */
  long export() {
    if (resume.isFinished(partitions)) {
      log.info("Job {}: {} was already exported completely ({} rows)", context.job(), name, rowsRead);
      return rowsRead;
    }
    log.info("Job {}: exporting {} at snapshot ts {} from chunk {} ({} rows already published)", context.job(),
        name, snapshotTs, nextChunk, rowsRead);
    try (TemporaryLoad load = context.retry().load(context.source().catalog(), name)) {
      for (int i = 0; i < partitions.size(); i++) {
        String partition = partitions.get(i);
        if (!resume.isDone(partition)) {
          exportPartition(partition, resume.afterPk(partition), i == partitions.size() - 1);
        }
      }
    }
    log.info("Job {}: exported {}: {} rows in {} chunks", context.job(), name, rowsRead, nextChunk);
    return rowsRead;
  }

  private void exportPartition(String partition, Object startAfter, boolean lastPartition) {
    BatchTarget target = new BatchTarget(context.job().value(), name, partition, primaryKey, snapshotTs);
    BatchAssembler assembler = new BatchAssembler(target, context.batchBytes(), nextChunk, rowsRead);
    PageSizer pageSizer = new PageSizer(context.pageRows(), context.batchBytes());
    Object lastPublished = startAfter;
    Object after = startAfter;
    while (true) {
      Page page = readPage(partition, after, pageSizer.rows());
      if (page.isEmpty()) {
        break;
      }
      context.throttle().pace(page.payloadBytes());
      pageSizer.observe(page);
      after = page.lastPk();
      for (EntityBatch batch : assembler.add(page)) {
        publish(transaction().batch(batch), Cursor.after(batch), partition, false, false);
        lastPublished = batch.getLastPk();
      }
    }
    Optional<EntityBatch> rest = assembler.finish();
    SnapshotTransaction last = transaction();
    rest.ifPresent(last::batch);
    publish(last, new Cursor(rest.map(EntityBatch::getLastPk).orElse(lastPublished), assembler.nextChunk(),
        assembler.rowsEmitted()), partition, true, lastPartition);
  }

  /**
   * Where a resumed export continues, as the checkpoint of one transaction records it: after that
   * transaction's own batch. A page can yield several batches, each its own transaction, so the
   * assembler's counts (which already include the page's later batches) would overstate it.
   */
  private record Cursor(Object lastPk, long nextChunk, long rowsRead) {
    static Cursor after(EntityBatch batch) {
      return new Cursor(batch.getLastPk(), batch.getChunk() + 1, batch.getRowsBefore() + batch.getRowCount());
    }
  }

  private Page readPage(String partition, Object after, int rows) {
    PageRequest request = new PageRequest(name, partition, primaryKey, after, rows, List.of(), snapshotTs);
    Page page = context.retry().call("read " + name + (partition == null ? "" : "/" + partition), name,
        () -> readLoaded(request));
    context.metrics().rowsRead(name, page.rowCount());
    return page;
  }

  /**
   * A source that restarted loads its collections again in the background and answers "not
   * loaded" until then, as it does for a collection someone released: the page is read again once
   * the collection is loaded (the load waits for that). The collection ends as it began all the
   * same: {@link TemporaryLoad} releases it at the end only if the export loaded it.
   */
  private Page readLoaded(PageRequest request) {
    try {
      return context.source().reader().readPage(request);
    } catch (MilvusAccessException e) {
      if (e.kind() != MilvusAccessException.Kind.NOT_LOADED) {
        throw e;
      }
      log.warn("Job {}: {} is not loaded on the source ({}); loading it and reading the page again.", context.job(),
          name, e.reason());
      context.source().catalog().load(name);
      return context.source().reader().readPage(request);
    }
  }

  private SnapshotTransaction transaction() {
    SnapshotTransaction transaction = new SnapshotTransaction(context.topics(), context.job(), name);
    if (schemaPending) {
      transaction.schema(schema);
    }
    return transaction;
  }

  private void publish(SnapshotTransaction transaction, Cursor cursor, String partition, boolean partitionDone,
      boolean collectionDone) {
    if (collectionDone) {
      transaction.snapshotEnd(snapshotTs, cursor.rowsRead());
    }
    transaction.checkpoint(ExporterCheckpoint.newBuilder().setJobId(context.job().value()).setDatabase(name.database())
        .setCollection(name.collection()).setPartition(partition).setSnapshotTs(snapshotTs).setLastPk(cursor.lastPk())
        .setNextChunk(cursor.nextChunk()).setRowsRead(cursor.rowsRead()).setDone(partitionDone).build());
    long bytes = context.publisher().commit(transaction.records());
    context.metrics().published(name, transaction.batches(), bytes);
    schemaPending = false;
    nextChunk = cursor.nextChunk();
    rowsRead = cursor.rowsRead();
    log.debug("Job {}: committed {}{}: {} rows, {} in total, next chunk {}", context.job(), name,
        partition == null ? "" : "/" + partition, transaction.batchRows(), rowsRead, nextChunk);
  }
}
