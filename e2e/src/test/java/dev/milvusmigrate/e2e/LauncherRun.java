package dev.milvusmigrate.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One run of a launcher script in {@code bin/} as a user would start it: its own environment
 * (no inherited {@code MILVUS_MIGRATE_*} variable), its exit code, stdout and stderr.
 */
record LauncherRun(int exitCode, String stdout, List<String> stderrLines) {

  private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
  /** Long enough for a run that builds its jar first. */
  private static final Duration TIMEOUT = Duration.ofMinutes(6);

  static Path jarOf(String service) {
    return REPOSITORY.resolve(service).resolve("target").resolve(service + ".jar");
  }

  static LauncherRun of(String service, Map<String, String> environment, Path outputDir, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(REPOSITORY.resolve("bin").resolve(service).toString()));
    command.addAll(List.of(args));
    Path out = outputDir.resolve(service + ".out");
    Path err = outputDir.resolve(service + ".err");
    ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
    builder.environment().keySet().removeIf(name -> name.startsWith("MILVUS_MIGRATE_"));
    builder.environment().putAll(environment);
    Process process = builder.start();
    if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      throw new IllegalStateException(service + " did not exit within " + TIMEOUT + ": " + Files.readString(err));
    }
    return new LauncherRun(process.exitValue(), Files.readString(out), Files.readAllLines(err));
  }
}
