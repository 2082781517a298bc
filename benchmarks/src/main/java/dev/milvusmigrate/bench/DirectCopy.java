package dev.milvusmigrate.bench;

import dev.milvusmigrate.core.domain.CollectionName;
import dev.milvusmigrate.milvus.ColumnarWriter;
import dev.milvusmigrate.milvus.MilvusSession;
import dev.milvusmigrate.milvus.Page;
import dev.milvusmigrate.milvus.PageRequest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The ceiling: read the source columnar and write the target columnar in one process, no
 * Kafka. Reading and writing overlap through a small queue, as a careful hand-written copy would.
 * Pages are as large as the exporter's batches, so both make the same number of round trips, and
 * are read as the exporter reads them, at one snapshot timestamp.
 */
final class DirectCopy {

  static final String METHOD = "(b) direct columnar copy, no Kafka";
  private static final Page END = new Page(List.of(), 0, null, null, 0);

  private final String collection;
  private final int rowBytes;
  private final int pageRows;

  DirectCopy(SyntheticCollection collection, int pageBytes) {
    this.collection = collection.name();
    this.rowBytes = collection.rowBytes();
    this.pageRows = Math.max(1, pageBytes / rowBytes);
  }

  /** Copies every row of the source collection into the existing, empty target collection. */
  Throughput run(MilvusSession source, String sourceDb, MilvusSession target, String targetDb) throws Exception {
    BlockingQueue<Page> pages = new ArrayBlockingQueue<>(4);
    AtomicReference<RuntimeException> readFailure = new AtomicReference<>();
    Thread reader = new Thread(() -> readAll(source, sourceDb, pages, readFailure), "direct-copy-reader");
    reader.setDaemon(true);
    long started = System.nanoTime();
    reader.start();
    long rows = 0;
    try {
      for (Page page = pages.take(); page != END; page = pages.take()) {
        target.writer().write(ColumnarWriter.Mode.INSERT, new CollectionName(targetDb, collection),
            null,
            page.columns(), page.rowCount());
        rows += page.rowCount();
      }
    } finally {
      reader.interrupt();
      reader.join();
    }
    if (readFailure.get() != null) {
      throw readFailure.get();
    }
    return Throughput.of(METHOD, rows, rowBytes, Duration.ofNanos(System.nanoTime() - started));
  }

  private void readAll(MilvusSession source, String database, BlockingQueue<Page> pages,
      AtomicReference<RuntimeException> failure) {
    try {
      try {
        // Read as the exporter reads: every page at one snapshot timestamp, not with strong consistency.
        long snapshotTs = source.catalog().currentTimestamp();
        Object after = null;
        while (true) {
          Page page = source.reader().readPage(new PageRequest(new CollectionName(database, collection), null,
              SyntheticCollection.PRIMARY_KEY, after, pageRows, List.of(), snapshotTs));
          if (page.isEmpty()) {
            break;
          }
          pages.put(page);
          after = page.lastPk();
        }
      } catch (RuntimeException e) {
        failure.set(e);
      }
      pages.put(END);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
