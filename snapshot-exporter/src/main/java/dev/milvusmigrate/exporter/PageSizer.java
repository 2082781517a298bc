package dev.milvusmigrate.exporter;

import dev.milvusmigrate.milvus.Page;

/**
 * Rows to ask for per source page: the configured count, lowered once rows turn out so wide that
 * a page would exceed a batch (a page then holds about one batch of rows, at least one row).
 */
final class PageSizer {

  private final int maxRows;
  private final long batchBytes;
  private int rows;

  PageSizer(int maxRows, long batchBytes) {
    this.maxRows = maxRows;
    this.batchBytes = batchBytes;
    this.rows = maxRows;
  }

  int rows() {
    return rows;
  }

  void observe(Page page) {
    if (page.isEmpty() || page.payloadBytes() <= 0) {
      return;
    }
    long bytesPerRow = Math.max(1, page.payloadBytes() / page.rowCount());
    rows = (int) Math.max(1, Math.min(maxRows, batchBytes / bytesPerRow));
  }
}
