package dev.milvusmigrate.testkit.python;

import dev.milvusmigrate.testkit.milvus.PythonMilvusEnvironment;
import dev.milvusmigrate.testkit.process.ChildProcess;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs Python scripts against Milvus with pymilvus from the test kit's virtualenv: a client that no
 * one here wrote, which fills the protocol its own way (DESIGN invariant 12). Scripts are the test
 * kit's own ({@link #script(String)}) or a test's files.
 */
public final class PyMilvus {

  private static final String SCRIPTS = "/dev/milvusmigrate/testkit/python/";
  private static final int TAIL_CHARACTERS = 4_000;
  private static PyMilvus shared;

  private final Path python;

  private PyMilvus(Path python) {
    this.python = python;
  }

  /** The virtualenv's Python, provisioned on first use in this JVM. */
  public static synchronized PyMilvus shared() {
    if (shared == null) {
      shared = new PyMilvus(PythonMilvusEnvironment.shared().home().resolve("bin").resolve("python"));
    }
    return shared;
  }

  /** One of the test kit's scripts (e.g. {@code workload.py}), copied to a file that Python can run. */
  public static Path script(String name) {
    try (InputStream in = PyMilvus.class.getResourceAsStream(SCRIPTS + name)) {
      if (in == null) {
        throw new IllegalArgumentException("The test kit has no Python script " + name);
      }
      Path file = Files.createTempFile("testkit-", "-" + name);
      file.toFile().deleteOnExit();
      Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Runs {@code script} with {@code args} to its end and returns what it printed on stdout.
   *
   * @throws IllegalStateException if it exits non-zero or outlives {@code timeout}, with its output
   */
  public String run(Path script, Duration timeout, String... args) {
    return run(script, timeout, List.of(args));
  }

  public String run(Path script, Duration timeout, List<String> args) {
    return run(script, timeout, args, 0);
  }

  /** As {@link #run(Path, Duration, List)}, also accepting exit status {@code alsoAccepted} (e.g. "differences found"). */
  public String run(Path script, Duration timeout, List<String> args, int alsoAccepted) {
    try {
      Path stdout = Files.createTempFile("pymilvus-", ".out");
      Path stderr = Files.createTempFile("pymilvus-", ".err");
      try {
        Process process = new ProcessBuilder(command(script, args)).redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile()).start();
        boolean ended = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (!ended) {
          process.descendants().forEach(ProcessHandle::destroyForcibly);
          process.destroyForcibly();
        }
        String out = Files.readString(stdout, StandardCharsets.UTF_8);
        if (!ended || process.exitValue() != 0 && process.exitValue() != alsoAccepted) {
          throw new IllegalStateException(script.getFileName() + " " + String.join(" ", args)
              + (ended ? " exited with status " + process.exitValue() : " did not end within " + timeout)
              + "\nstdout: " + tail(out) + "\nstderr: " + tail(Files.readString(stderr, StandardCharsets.UTF_8)));
        }
        return out;
      } finally {
        Files.deleteIfExists(stdout);
        Files.deleteIfExists(stderr);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while running " + script, e);
    }
  }

  /** Starts {@code script} as a long-running child process, logging to {@code workDir/logs/<name>-std*.log}. */
  public ChildProcess start(String name, Path script, Path workDir, List<String> args) {
    return ChildProcess.start(name, command(script, args), Map.of("PYTHONUNBUFFERED", "1"), workDir,
        Duration.ofSeconds(10));
  }

  private List<String> command(Path script, List<String> args) {
    List<String> command = new ArrayList<>(List.of(python.toString(), script.toString()));
    command.addAll(args);
    return command;
  }

  private static String tail(String text) {
    return text.length() <= TAIL_CHARACTERS ? text : "..." + text.substring(text.length() - TAIL_CHARACTERS);
  }
}
