package dev.milvusmigrate.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.milvusmigrate.testkit.milvus.TestkitCache;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the demo as a user does, {@code java -jar demo/target/milvus-migrate-demo.jar} (what
 * {@code ./milvus-migrate demo} executes), against the real servers it starts, until it ends on its
 * own: exit code 0, the report of a successful job, and nothing left behind (no process it
 * started, no temporary file).
 */
class DemoIT {

  private static final List<String> COLLECTIONS = List.of("shop.products", "shop.reviews", "default.events");

  @TempDir
  Path workDirectory;

  @TempDir
  Path temporaryFiles;

  private Process demo;

  @Test
  @Timeout(value = 15, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void migratesWhileTheApplicationWritesEndsSuccessfulAndStopsEverythingItStarted() throws Exception {
    demo = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Djava.io.tmpdir=" + temporaryFiles, "-Dmilvus.testkit.cache=" + TestkitCache.directory(),
        "-jar", Path.of("target", "milvus-migrate-demo.jar").toAbsolutePath().toString())
        .directory(workDirectory.toFile()).redirectErrorStream(true).start();
    Set<ProcessHandle> started = new HashSet<>();
    String output = readUntilExit(started);
    System.out.print(output);

    assertThat(demo.exitValue()).as(output).isZero();
    assertThat(output).contains("Step 6/6").contains("LAG_BELOW_THRESHOLD: Job demo-")
        .containsPattern("Job demo-\\S+ ended SUCCESSFUL\\.").contains("Demo finished in");
    for (String collection : COLLECTIONS) {
      String name = Pattern.quote(collection);
      assertThat(output).as("verification of %s", collection)
          .containsPattern("(?m)^" + name + " +" + name + " +(\\d+) +\\1 +0 +0 +0/[1-9]\\d* +passed$");
    }
    assertThat(started).as("processes the demo started").isNotEmpty().noneMatch(ProcessHandle::isAlive);
    try (Stream<Path> left = Files.list(temporaryFiles)) {
      assertThat(left).as("temporary files left behind").isEmpty();
    }
  }

  /** The demo's output, noting every process it started (its descendants) while it ran. */
  private String readUntilExit(Set<ProcessHandle> started) throws IOException, InterruptedException {
    StringBuilder output = new StringBuilder();
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(demo.getInputStream(),
        StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        output.append(line).append('\n');
        demo.descendants().forEach(started::add);
      }
    }
    demo.waitFor();
    return output.toString();
  }

  @AfterEach
  void stopTheDemoIfStillRunning() {
    if (demo != null && demo.isAlive()) {
      demo.descendants().forEach(ProcessHandle::destroyForcibly);
      demo.destroyForcibly();
    }
  }
}
