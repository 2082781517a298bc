package dev.milvusmigrate.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.milvusmigrate.testkit.milvus.TestkitCache;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
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
 * started, no temporary file). It runs with {@code --console}: the console's event stream, read as
 * the page reads it, carries the Lag Behind Source falling below 10 s and the job's SUCCESSFUL.
 */
class DemoIT {

  private static final List<String> COLLECTIONS = List.of("shop.products", "shop.reviews", "default.events");

  @TempDir
  Path workDirectory;

  @TempDir
  Path temporaryFiles;

  private static final Pattern CONSOLE = Pattern.compile(
      "Follow the migration in a browser: http://localhost:(\\d+)/ \\(any user name, password (\\w+)\\)");

  private final List<String> consoleEvents = new CopyOnWriteArrayList<>();
  private Process demo;

  @Test
  @Timeout(value = 15, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void migratesWhileTheApplicationWritesEndsSuccessfulAndStopsEverythingItStarted() throws Exception {
    Set<ProcessHandle> started = new HashSet<>();
    String output = runDemo(started, "--console", "--console-port", "0");

    assertThat(output).contains("LAG_BELOW_THRESHOLD: Job demo-")
        .containsPattern("Job demo-\\S+ ended SUCCESSFUL\\.");
    assertEndedSuccessfulLeavingNothing(output, started);
    String job = output.replaceFirst("(?s).*Job (demo-\\S+) ended SUCCESSFUL.*", "$1");
    String events = String.join("\n", consoleEvents);
    assertThat(events).as("the console's events").containsPattern("event: job\ndata: \\{\"jobId\":\"" + job
        + "\".*\"state\":\"SUCCESSFUL\"");
    assertThat(Pattern.compile("event: lag\ndata: \\{\"jobId\":\"" + job + "\",\"lagMs\":(\\d+)").matcher(events)
        .results().map(lag -> Long.parseLong(lag.group(1)))).as("Lag Behind Source in the console's events")
        .isNotEmpty().anyMatch(lagMs -> lagMs < 10_000);
  }

  /**
   * With {@code --capture proxy} the application writes through the capture-proxy, and the cutover
   * switches the proxy to the target while it keeps writing: no write fails.
   */
  @Test
  @Timeout(value = 15, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void cutsOverThroughTheProxyWhileTheApplicationKeepsWriting() throws Exception {
    Set<ProcessHandle> started = new HashSet<>();
    String output = runDemo(started, "--capture", "proxy");

    assertThat(output).contains("Capture-proxy   127.0.0.1:")
        .containsPattern("The capture-proxy for source 'demo-source' now serves the target http://127\\.0\\.0\\.1:\\d+")
        .containsPattern("The application never stopped: \\d+ inserts, \\d+ upserts and \\d+ deletes, none failed;"
            + " its longest write took \\d+ ms");
    assertEndedSuccessfulLeavingNothing(output, started);
  }

  /** Runs the demo jar with {@code options} until it exits; its output, printed too. */
  private String runDemo(Set<ProcessHandle> started, String... options) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Djava.io.tmpdir=" + temporaryFiles, "-Dmilvus.testkit.cache=" + TestkitCache.directory(),
        "-jar", Path.of("target", "milvus-migrate-demo.jar").toAbsolutePath().toString()));
    command.addAll(List.of(options));
    demo = new ProcessBuilder(command).directory(workDirectory.toFile()).redirectErrorStream(true).start();
    String output = readUntilExit(started);
    System.out.print(output);
    return output;
  }

  /** Exit code 0, every collection verified, and no process or temporary file of the demo left. */
  private void assertEndedSuccessfulLeavingNothing(String output, Set<ProcessHandle> started) throws IOException {
    assertThat(demo.exitValue()).as(output).isZero();
    assertThat(output).contains("Step 6/6").contains("Demo finished in");
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

  /**
   * The demo's output, noting every process it started (its descendants) while it ran, and following
   * the console's event stream once the demo names the console.
   */
  private String readUntilExit(Set<ProcessHandle> started) throws IOException, InterruptedException {
    StringBuilder output = new StringBuilder();
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(demo.getInputStream(),
        StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        output.append(line).append('\n');
        demo.descendants().forEach(started::add);
        Matcher console = CONSOLE.matcher(line);
        if (console.find()) {
          followConsole(console.group(1), console.group(2));
        }
      }
    }
    demo.waitFor();
    return output.toString();
  }

  /** Reads the console's events as the page does (the browser's Basic credentials) until the console stops. */
  private void followConsole(String port, String token) {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v2/events"))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("demo:" + token)
            .getBytes(StandardCharsets.UTF_8)))
        .header("Accept", "text/event-stream").GET().build();
    HttpClient.newHttpClient().sendAsync(request, HttpResponse.BodyHandlers.ofLines()).thenAccept(response -> {
      try (Stream<String> body = response.body()) {
        body.forEach(consoleEvents::add);
      } catch (UncheckedIOException e) {
        // the demo stopped the console
      }
    });
  }

  @AfterEach
  void stopTheDemoIfStillRunning() {
    if (demo != null && demo.isAlive()) {
      demo.descendants().forEach(ProcessHandle::destroyForcibly);
      demo.destroyForcibly();
    }
  }
}
