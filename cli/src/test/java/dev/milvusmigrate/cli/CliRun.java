package dev.milvusmigrate.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One run of the command line: exit code, standard output and standard error. */
record CliRun(int exitCode, String out, String err) {

  static CliRun of(Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = MilvusMigrate.run(env, new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new CliRun(code, out.toString(), err.toString());
  }

  static CliRun of(String... args) {
    return of(Map.of(), args);
  }

  /** As a user runs it: {@code MilvusMigrate.main} in a JVM of its own, writing to the real standard streams. */
  static CliRun asProcess(String... args) {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), MilvusMigrate.class.getName()));
    command.addAll(List.of(args));
    try {
      Path out = Files.createTempFile("cli-out", ".txt");
      Path err = Files.createTempFile("cli-err", ".txt");
      out.toFile().deleteOnExit();
      err.toFile().deleteOnExit();
      Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      if (!process.waitFor(2, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new IllegalStateException("milvus-migrate " + String.join(" ", args) + " did not end within 2 minutes");
      }
      return new CliRun(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while running milvus-migrate", e);
    }
  }
}
