package dev.milvusmigrate.testkit.milvus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.apache.commons.io.FileUtils;

/**
 * A directory in the {@link TestkitCache} filled once and reused by every later run and every
 * concurrent JVM: a file lock beside it serialises installers, and it counts as complete only once
 * its marker exists, written after everything else, so a directory left by an interrupted install
 * is deleted and installed again.
 */
public final class CachedInstall {

  public static final String COMPLETE_MARKER = ".provisioned";

  /** Fills a fresh, empty {@code home}, writing its log to {@code log}. */
  @FunctionalInterface
  public interface Installer {
    void install(Path home, Path log) throws IOException;
  }

  private CachedInstall() {}

  /** {@code cache/<key>}, installed by {@code installer} unless a complete one is there already. */
  public static synchronized Path ensure(Path cache, String key, List<String> contents, Installer installer) {
    Path home = cache.resolve(key);
    try {
      Files.createDirectories(cache);
      try (FileChannel channel = FileChannel.open(cache.resolve(key + ".lock"), StandardOpenOption.CREATE,
          StandardOpenOption.WRITE)) {
        FileLock lock = channel.lock();
        try {
          if (!Files.exists(home.resolve(COMPLETE_MARKER))) {
            Path log = cache.resolve(key + ".install.log");
            FileUtils.deleteDirectory(home.toFile());
            Files.deleteIfExists(log);
            installer.install(home, log);
            Files.writeString(home.resolve(COMPLETE_MARKER), String.join("\n", contents) + "\n");
          }
        } finally {
          lock.release();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not provision " + key + " in " + cache, e);
    }
    return home;
  }
}
