package dev.milvusmigrate.testkit.milvus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/** A fresh directory per server instance: under the module's target/ when tests run from Maven. */
public final class InstanceDirectory {

  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

  private InstanceDirectory() {
  }

  public static Path create(String kind) {
    try {
      Path target = Path.of("target");
      if (Files.isDirectory(target)) {
        Path parent = Files.createDirectories(target.resolve("milvus-testkit"));
        return Files.createTempDirectory(parent, kind + "-" + LocalDateTime.now().format(STAMP) + "-").toAbsolutePath();
      }
      return Files.createTempDirectory(kind + "-");
    } catch (IOException e) {
      throw new UncheckedIOException("Could not create a directory for " + kind, e);
    }
  }
}
