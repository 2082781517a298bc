package dev.milvusmigrate.lag;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.commons.io.FileUtils;

/**
 * Where the lag-monitor's Kafka Streams keeps its state stores. A configured directory is kept
 * across restarts, so the stores are reused (Streams locks it: one running instance per
 * directory). Without one, each run gets a new directory under {@code java.io.tmpdir}, deleted
 * when it stops: instances on one host never share it, and each start restores the state (job
 * statuses and lags, a few records a job) from its changelog topics.
 */
final class StateDirectory implements AutoCloseable {

  private final Path path;
  private final boolean temporary;

  private StateDirectory(Path path, boolean temporary) {
    this.path = path;
    this.temporary = temporary;
  }

  static StateDirectory of(Optional<Path> configured, String applicationId) {
    if (configured.isPresent()) {
      return new StateDirectory(configured.get(), false);
    }
    try {
      return new StateDirectory(Files.createTempDirectory(applicationId + "-state-"), true);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create a temporary directory for the lag-monitor's state under "
          + System.getProperty("java.io.tmpdir") + ": set lag.state-dir to a writable directory.", e);
    }
  }

  Path path() {
    return path;
  }

  @Override
  public void close() {
    if (temporary) {
      FileUtils.deleteQuietly(path.toFile());
    }
  }
}
