package dev.milvusmigrate.testkit.milvus;

import dev.milvusmigrate.testkit.process.CommandRun;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Milvus 2.2.16 standalone from PyPI ({@code milvus==2.2.16}: embedded etcd, local storage), in its
 * own virtualenv in the {@link TestkitCache}, provisioned on first use like
 * {@link PythonMilvusEnvironment}. Tests talk to it with that environment's pymilvus 3.0.2, which
 * works with 2.2, so no 2.2 client is installed.
 */
public final class Milvus22Environment {

  public static final String VERSION = "2.2.16";
  static final String REQUIREMENT = "milvus==" + VERSION;

  private static final String DISTRIBUTION = "milvus-standalone";
  private static final Logger LOG = LoggerFactory.getLogger(Milvus22Environment.class);
  private static Milvus22Environment shared;

  private final Path home;

  private Milvus22Environment(Path home) {
    this.home = home;
  }

  /** The environment in the default cache directory, provisioned on first use in this JVM. */
  public static synchronized Milvus22Environment shared() {
    if (shared == null) {
      shared = provision(TestkitCache.directory());
    }
    return shared;
  }

  static Milvus22Environment provision(Path cache) {
    Path home = CachedInstall.ensure(cache, "milvus-" + VERSION, List.of(REQUIREMENT), (fresh, log) -> {
      long started = System.nanoTime();
      LOG.info("Creating the Milvus {} environment {} (log: {})", VERSION, fresh, log);
      String python = fresh.resolve("bin").resolve("python").toString();
      CommandRun.run(List.of(PythonMilvusEnvironment.pythonExecutable(), "-m", "venv", fresh.toString()), log,
          PythonMilvusEnvironment.VENV_TIMEOUT);
      CommandRun.run(List.of(python, "-m", "pip", "install", "--disable-pip-version-check", "--no-input",
          REQUIREMENT), log, PythonMilvusEnvironment.PIP_TIMEOUT);
      CommandRun.run(List.of(python, "-c", PythonMilvusEnvironment.UNPACK_STANDALONE,
          fresh.resolve(DISTRIBUTION).toString()), log, PythonMilvusEnvironment.UNPACK_TIMEOUT);
      LOG.info("Milvus {} environment ready in {} s", VERSION, (System.nanoTime() - started) / 1_000_000_000.0);
    });
    return new Milvus22Environment(home);
  }

  /** The unpacked server: the {@code milvus} binary, its libraries and the config template. */
  public Path distribution() {
    return home.resolve(DISTRIBUTION);
  }
}
