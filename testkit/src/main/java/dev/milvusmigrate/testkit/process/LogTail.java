package dev.milvusmigrate.testkit.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.stream.Stream;

/** The last lines of a log file, for failure messages. */
public final class LogTail {

  private LogTail() {
  }

  /** The last {@code lines} lines of {@code file}, or a note that it does not exist. */
  public static String of(Path file, int lines) {
    if (!Files.exists(file)) {
      return "(" + file + " does not exist)";
    }
    Deque<String> tail = new ArrayDeque<>(lines);
    try (Stream<String> all = Files.lines(file, StandardCharsets.ISO_8859_1)) {
      all.forEach(line -> {
        if (tail.size() == lines) {
          tail.removeFirst();
        }
        tail.addLast(line);
      });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return "--- last lines of " + file + " ---\n" + String.join("\n", tail);
  }
}
