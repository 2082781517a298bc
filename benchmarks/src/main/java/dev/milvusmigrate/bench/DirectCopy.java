package dev.milvusmigrate.bench;

import dev.milvusmigrate.milvus.ColumnarWriter;
import dev.milvusmigrate.milvus.MilvusSession;
import dev.milvusmigrate.milvus.Page;
import dev.milvusmigrate.milvus.PageRequest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;

/**
 * The ceiling: read the source columnar and write the target columnar in one process, no
 * Kafka. Reading and writing overlap through a small queue, as a careful hand-written copy would.
 */
final class DirectCopy {

  private static final Page END = new Page(List.of(), 0, null, null, 0);

  private final SyntheticCollection collection;
  private final int pageRows;

  DirectCopy(SyntheticCollection collection, int pageBytes) {
    this.collection = collection;
    this.pageRows = Math.max(1, pageBytes / collection.rowBytes());
  }

  Throughput run(MilvusSession source, String sourceDb, MilvusSession target, String targetDb) throws Exception {
    collection.create(target, targetDb);
    BlockingQueue<Page> pages = new ArrayBlockingQueue<>(4);
    long started = System.nanoTime();
    CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> readAll(source, sourceDb, pages));
    long rows = 0;
    long bytes = 0;
    for (Page page = pages.take(); page != END; page = pages.take()) {
      target.writer().write(ColumnarWriter.Mode.INSERT, targetDb, SyntheticCollection.COLLECTION, null,
          page.columns(), page.rowCount());
      rows += page.rowCount();
      bytes += page.payloadBytes();
    }
    reader.join();
    return new Throughput("(b) direct columnar copy, no Kafka", rows, bytes, Duration.ofNanos(System.nanoTime() - started));
  }

  private void readAll(MilvusSession source, String database, BlockingQueue<Page> pages) {
    try {
      Object after = null;
      while (true) {
        Page page = source.reader().readPage(new PageRequest(database, SyntheticCollection.COLLECTION, null, "id",
            after, pageRows, List.of(), 0));
        if (page.isEmpty()) {
          break;
        }
        pages.put(page);
        after = page.lastPk();
      }
      pages.put(END);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
