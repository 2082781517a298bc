package dev.milvusmigrate.testkit.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A long-running server started as a child of the test JVM, its stdout and stderr written to
 * files (appended to, so a restarted server keeps one log). Stopping it stops every
 * descendant too, so nothing outlives the tests.
 */
public final class ChildProcess implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ChildProcess.class);
  private static final Duration AFTER_KILL = Duration.ofSeconds(10);

  private final String name;
  private final Duration grace;
  private final Process process;
  private final Path stdout;
  private final Path stderr;

  private ChildProcess(String name, Duration grace, Process process, Path stdout, Path stderr) {
    this.name = name;
    this.grace = grace;
    this.process = process;
    this.stdout = stdout;
    this.stderr = stderr;
  }

  /**
   * Starts {@code command} in {@code workDir}, logging to workDir/logs/{name}-std{out,err}.log.
   * {@code grace} is how long {@link #close()} lets it stop on SIGTERM before killing it.
   */
  public static ChildProcess start(String name, List<String> command, Map<String, String> env, Path workDir,
      Duration grace) {
    try {
      Path logs = Files.createDirectories(workDir.resolve("logs"));
      Path stdout = logs.resolve(name + "-stdout.log");
      Path stderr = logs.resolve(name + "-stderr.log");
      ProcessBuilder builder = new ProcessBuilder(command)
          .directory(workDir.toFile())
          .redirectOutput(ProcessBuilder.Redirect.appendTo(stdout.toFile()))
          .redirectError(ProcessBuilder.Redirect.appendTo(stderr.toFile()));
      builder.environment().putAll(env);
      Process process = builder.start();
      LOG.info("Started {} (pid {}): {}", name, process.pid(), readable(command));
      return new ChildProcess(name, grace, process, stdout, stderr);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not start " + name + ": " + String.join(" ", command), e);
    }
  }

  /** The command line with class paths and other very long arguments elided. */
  private static String readable(List<String> command) {
    return String.join(" ", command.stream().map(arg -> arg.length() > 200 ? "..." : arg).toList());
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** Exit status and the last lines of both output files, for failure messages. */
  public String describe(int lines) {
    String state = process.isAlive() ? "still running" : "exited with status " + process.exitValue();
    return name + " (pid " + process.pid() + ") " + state + "\n"
        + LogTail.of(stdout, lines) + "\n" + LogTail.of(stderr, lines);
  }

  /** {@code kill -9} of the whole process tree: no shutdown hook, no cleanup, as a crash would leave it. */
  public void kill() {
    List<ProcessHandle> tree = ProcessTree.of(process.toHandle());
    tree.forEach(ProcessHandle::destroyForcibly);
    ProcessTree.awaitExit(tree, AFTER_KILL);
    waitForExitStatus();
    LOG.info("Killed {} (pid {})", name, process.pid());
  }

  /** Asks the process tree to stop, then kills whatever is left after a grace period. */
  @Override
  public void close() {
    List<ProcessHandle> tree = ProcessTree.of(process.toHandle());
    tree.forEach(ProcessHandle::destroy);
    if (!ProcessTree.awaitExit(tree, grace)) {
      LOG.info("{} did not stop within {}; killing it", name, grace);
      tree.forEach(ProcessHandle::destroyForcibly);
      ProcessTree.awaitExit(tree, AFTER_KILL);
    }
    waitForExitStatus();
    LOG.info("Stopped {} (pid {})", name, process.pid());
  }

  private void waitForExitStatus() {
    try {
      process.waitFor(AFTER_KILL.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
