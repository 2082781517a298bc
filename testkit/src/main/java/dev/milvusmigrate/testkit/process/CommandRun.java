package dev.milvusmigrate.testkit.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a command to completion, appending its combined output to a log file. */
public final class CommandRun {

  private static final int TAIL_LINES = 25;

  private CommandRun() {
  }

  /** Runs {@code command}; fails with the log's last lines unless it exits 0 within timeout. */
  public static void run(List<String> command, Path log, Duration timeout) {
    String shown = String.join(" ", command);
    try {
      Process process = new ProcessBuilder(command)
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
          .start();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        ProcessTree.of(process.toHandle()).forEach(ProcessHandle::destroyForcibly);
        throw new IllegalStateException("Timed out after " + timeout + ": " + shown + "\n" + LogTail.of(log, TAIL_LINES));
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException("Exit status " + process.exitValue() + ": " + shown + "\n" + LogTail.of(log, TAIL_LINES));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not run " + shown + " (is it installed and on PATH?)", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while running " + shown, e);
    }
  }
}
