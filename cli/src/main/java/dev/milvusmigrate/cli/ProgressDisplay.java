package dev.milvusmigrate.cli;

import dev.milvusmigrate.schemas.avro.JobStatus;
import java.io.PrintStream;
import java.time.temporal.ChronoUnit;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * On a terminal, a progress bar of rows copied over rows expected, with rows/s and ETA, and the
 * job's stage; elsewhere (logs, CI, nohup), where a bar has no width to draw in, {@link ProgressLines}.
 * Either way, a line when a service the job needs goes missing or comes back ({@link ServiceWarningLines}).
 */
public final class ProgressDisplay implements AutoCloseable {

  private final PrintStream stream;
  private final ProgressLines lines;
  private final ServiceWarningLines warnings;
  private ProgressBar bar;

  /** Draws a bar when the process runs on a terminal. */
  public ProgressDisplay(PrintStream stream) {
    this(stream, System.console() != null);
  }

  ProgressDisplay(PrintStream stream, boolean terminal) {
    this.stream = stream;
    this.lines = terminal ? null : new ProgressLines(stream, System::nanoTime);
    this.warnings = new ServiceWarningLines(stream);
  }

  public void update(JobStatus status) {
    warnings.update(status);
    if (lines != null) {
      lines.update(status);
      return;
    }
    if (bar == null) {
      bar = new ProgressBarBuilder().setTaskName("Copying " + status.getJobId()).setUnit(" rows", 1)
          .setInitialMax(Math.max(1, status.getRowsTotal())).showSpeed().setSpeedUnit(ChronoUnit.SECONDS)
          .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(500)
          .setConsumer(new ConsoleProgressBarConsumer(stream)).build();
    }
    bar.maxHint(Math.max(1, status.getRowsTotal()));
    bar.stepTo(status.getRowsCopied());
    bar.setExtraMessage(" " + status.getStage());
  }

  @Override
  public void close() {
    if (bar != null) {
      bar.close();
    }
  }
}
