package dev.milvusmigrate.milvus;

/**
 * Rows to ask for per page of a scan: the configured count, lowered once rows turn out so wide that
 * a page would exceed a byte budget (a page then holds about that many bytes, at least one row).
 * A scan whose rows may be very wide starts with fewer rows and takes more once it has seen them.
 */
public final class PageSizer {

  private final int maxRows;
  private final long batchBytes;
  private int rows;

  public PageSizer(int maxRows, long batchBytes) {
    this(maxRows, maxRows, batchBytes);
  }

  public PageSizer(int firstRows, int maxRows, long batchBytes) {
    this.maxRows = maxRows;
    this.batchBytes = batchBytes;
    this.rows = firstRows;
  }

  public int rows() {
    return rows;
  }

  public void observe(Page page) {
    if (page.isEmpty() || page.payloadBytes() <= 0) {
      return;
    }
    long bytesPerRow = Math.max(1, page.payloadBytes() / page.rowCount());
    rows = (int) Math.max(1, Math.min(maxRows, batchBytes / bytesPerRow));
  }
}
