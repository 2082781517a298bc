package dev.milvusmigrate.testkit.milvus;

import dev.milvusmigrate.testkit.process.CommandRun;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An older Milvus Lite from PyPI ({@code milvus-lite} 2.4 and 2.5, a C++ server binary in the
 * wheel, unlike 3.x's Python server), each version in its own virtualenv in the
 * {@link TestkitCache}, provisioned on first use like {@link PythonMilvusEnvironment}.
 */
public final class LiteBinaryEnvironment {

  private static final Logger LOG = LoggerFactory.getLogger(LiteBinaryEnvironment.class);
  private static final Map<String, LiteBinaryEnvironment> SHARED = new ConcurrentHashMap<>();

  private final String version;
  private final Path home;

  private LiteBinaryEnvironment(String version, Path home) {
    this.version = version;
    this.home = home;
  }

  /** The environment of {@code milvus-lite==version} in the default cache, provisioned once per JVM. */
  public static LiteBinaryEnvironment shared(String version) {
    return SHARED.computeIfAbsent(version, v -> provision(TestkitCache.directory(), v));
  }

  static LiteBinaryEnvironment provision(Path cache, String version) {
    String requirement = "milvus-lite==" + version;
    Path home = CachedInstall.ensure(cache, "milvus-lite-" + version, List.of(requirement), (fresh, log) -> {
      long started = System.nanoTime();
      LOG.info("Creating the Milvus Lite {} environment {} (log: {})", version, fresh, log);
      CommandRun.run(List.of(PythonMilvusEnvironment.pythonExecutable(), "-m", "venv", fresh.toString()), log,
          PythonMilvusEnvironment.VENV_TIMEOUT);
      CommandRun.run(List.of(fresh.resolve("bin").resolve("python").toString(), "-m", "pip", "install",
          "--disable-pip-version-check", "--no-input", requirement), log, PythonMilvusEnvironment.PIP_TIMEOUT);
      LOG.info("Milvus Lite {} environment ready in {} s", version, (System.nanoTime() - started) / 1_000_000_000.0);
    });
    return new LiteBinaryEnvironment(version, home);
  }

  public String version() {
    return version;
  }

  /** The package's {@code milvus_lite/lib}: the {@code milvus} binary and the libraries it loads. */
  public Path libraryDirectory() {
    try (var matches = Files.find(home.resolve("lib"), 4,
        (path, attributes) -> path.endsWith(Path.of("milvus_lite", "lib")) && attributes.isDirectory())) {
      return matches.findFirst().orElseThrow(() -> new IllegalStateException("No milvus_lite/lib under " + home));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
