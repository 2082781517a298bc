package dev.milvusmigrate.cli;

import dev.milvusmigrate.schemas.avro.JobStatus;
import java.io.PrintStream;
import java.time.temporal.ChronoUnit;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A progress bar of rows copied over rows expected, with rows/s and ETA, and the job's stage. */
public final class ProgressDisplay implements AutoCloseable {

  private final PrintStream stream;
  private ProgressBar bar;

  public ProgressDisplay(PrintStream stream) {
    this.stream = stream;
  }

  public void update(JobStatus status) {
    if (bar == null) {
      bar = new ProgressBarBuilder().setTaskName("Copying " + status.getJobId()).setUnit(" rows", 1)
          .setInitialMax(Math.max(1, status.getRowsTotal())).showSpeed().setSpeedUnit(ChronoUnit.SECONDS)
          .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(500)
          .setConsumer(new ConsoleProgressBarConsumer(stream)).build();
    }
    bar.maxHint(Math.max(1, status.getRowsTotal()));
    bar.stepTo(status.getRowsCopied());
    bar.setExtraMessage(status.getStage().toString());
  }

  @Override
  public void close() {
    if (bar != null) {
      bar.close();
    }
  }
}
