package dev.milvusmigrate.testkit.kafka;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Kafka's own {@code kafka-console-consumer} and {@code kafka-console-producer}
 * ({@code org.apache.kafka.tools}), each run in a JVM of its own with the options a user types,
 * so a test sees the topics as someone with only Kafka's tools does. Needs kafka-tools on the
 * test's class path.
 */
public final class KafkaConsoleTools {

  /** The key separator the README's commands use. */
  public static final String KEY_SEPARATOR = "|";

  private KafkaConsoleTools() {}

  /**
   * The first {@code records} records of the topic from its beginning as the console consumer
   * prints them with {@code print.key=true}: one line each, key {@link #KEY_SEPARATOR} value.
   */
  public static List<String> consume(String bootstrap, String topic, int records, Duration timeout) {
    Result result = run(List.of("org.apache.kafka.tools.consumer.ConsoleConsumer", "--bootstrap-server", bootstrap,
        "--topic", topic, "--from-beginning", "--max-messages", Integer.toString(records),
        "--timeout-ms", Long.toString(timeout.toMillis()), "--formatter-property", "print.key=true",
        "--formatter-property", "key.separator=" + KEY_SEPARATOR), "", timeout.plusSeconds(30));
    return result.out().lines().filter(line -> !line.isBlank()).toList();
  }

  /** Sends each line (key {@link #KEY_SEPARATOR} value) as one record, as typed into the console producer. */
  public static void produce(String bootstrap, String topic, List<String> lines, Duration timeout) {
    Result result = run(List.of("org.apache.kafka.tools.ConsoleProducer", "--bootstrap-server", bootstrap,
        "--topic", topic, "--reader-property", "parse.key=true",
        "--reader-property", "key.separator=" + KEY_SEPARATOR), String.join("\n", lines) + "\n", timeout);
    if (result.exitCode() != 0) {
      throw new IllegalStateException("kafka-console-producer exited " + result.exitCode() + ": " + result.err());
    }
  }

  private record Result(int exitCode, String out, String err) {}

  private static Result run(List<String> toolAndArgs, String input, Duration timeout) {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"),
        // Logback reports its own set-up on standard output when the class path holds two configurations.
        "-Dlogback.statusListenerClass=ch.qos.logback.core.status.NopStatusListener"));
    command.addAll(toolAndArgs);
    try {
      Path out = Files.createTempFile("kafka-tool-out", ".txt");
      Path err = Files.createTempFile("kafka-tool-err", ".txt");
      try {
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try (OutputStream stdin = process.getOutputStream()) {
          stdin.write(input.getBytes(StandardCharsets.UTF_8));
        }
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
          process.destroyForcibly().waitFor();
          throw new IllegalStateException(toolAndArgs.get(0) + " did not end within " + timeout + ": "
              + Files.readString(err, StandardCharsets.UTF_8));
        }
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
            Files.readString(err, StandardCharsets.UTF_8));
      } finally {
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while running " + toolAndArgs.get(0), e);
    }
  }
}
