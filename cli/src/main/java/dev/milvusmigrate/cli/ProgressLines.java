package dev.milvusmigrate.cli;

import dev.milvusmigrate.schemas.JobStates;
import dev.milvusmigrate.schemas.avro.JobStatus;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Progress as plain lines, for output that is not a terminal (logs, CI, nohup): the first status,
 * then at most one line every {@link #INTERVAL}, and the final status; rows/s since the line before.
 */
final class ProgressLines {

  static final Duration INTERVAL = Duration.ofSeconds(5);

  private final PrintStream stream;
  private final LongSupplier nanoTime;
  private boolean printed;
  private long printedAt;
  private long printedRows;

  ProgressLines(PrintStream stream, LongSupplier nanoTime) {
    this.stream = stream;
    this.nanoTime = nanoTime;
  }

  void update(JobStatus status) {
    long now = nanoTime.getAsLong();
    boolean last = JobStates.isFinal(status.getState());
    if (printed && !last && now - printedAt < INTERVAL.toNanos()) {
      return;
    }
    stream.println(line(status, printed ? rate(status.getRowsCopied(), now) : ""));
    stream.flush();
    printed = true;
    printedAt = now;
    printedRows = status.getRowsCopied();
  }

  private String rate(long rows, long now) {
    double seconds = (now - printedAt) / 1e9;
    return String.format(Locale.ROOT, ", %,.0f rows/s", seconds <= 0 ? 0 : (rows - printedRows) / seconds);
  }

  private static String line(JobStatus status, String rate) {
    return String.format(Locale.ROOT, "Copying %s: %,d/%,d rows (%.1f%%)%s, stage %s", status.getJobId(),
        status.getRowsCopied(), status.getRowsTotal(), status.getPercent(), rate, status.getStage());
  }
}
