package dev.milvusmigrate.testkit.milvus;

import dev.milvusmigrate.testkit.process.CommandRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Python virtualenv holding Milvus Lite and the Milvus 2.3.5 standalone server from PyPI,
 * created once in the {@link TestkitCache} and reused by every later run. The directory name
 * carries a hash of {@link #REQUIREMENTS}, so changing a pin provisions a new environment.
 * PyPI's {@code milvus} 2.3.9 ships only a macOS arm64 wheel; 2.3.5 is the newest for Linux x86_64.
 */
public final class PythonMilvusEnvironment {

  public static final List<String> REQUIREMENTS = List.of("milvus-lite==3.2.2", "pymilvus==3.0.2", "milvus==2.3.5");
  static final String PYTHON_VARIABLE = "MILVUS_MIGRATE_PYTHON";

  private static final Logger LOG = LoggerFactory.getLogger(PythonMilvusEnvironment.class);
  static final Duration VENV_TIMEOUT = Duration.ofMinutes(3);
  static final Duration PIP_TIMEOUT = Duration.ofMinutes(20);
  static final Duration UNPACK_TIMEOUT = Duration.ofMinutes(5);
  private static PythonMilvusEnvironment shared;

  /**
   * Decompresses the .lzma server binaries of PyPI's {@code milvus} next to the config template
   * they are run with (and glog.conf, which 2.2 does not ship).
   */
  static final String UNPACK_STANDALONE = """
      import importlib.util, lzma, os, shutil, sys
      src = os.path.join(os.path.dirname(importlib.util.find_spec('milvus').origin), 'data')
      dst = sys.argv[1]
      os.makedirs(dst, exist_ok=True)
      for name in ('config.yaml.template', 'glog.conf'):
          if os.path.exists(os.path.join(src, name)):
              shutil.copy(os.path.join(src, name), os.path.join(dst, name))
      for name in os.listdir(os.path.join(src, 'bin')):
          if name.endswith('.lzma'):
              out = os.path.join(dst, name[:-5])
              with lzma.open(os.path.join(src, 'bin', name)) as i, open(out, 'wb') as o:
                  shutil.copyfileobj(i, o)
              os.chmod(out, 0o755)
      """;

  private final Path home;

  private PythonMilvusEnvironment(Path home) {
    this.home = home;
  }

  /** The environment in the default cache directory, provisioned on first use in this JVM. */
  public static synchronized PythonMilvusEnvironment shared() {
    if (shared == null) {
      shared = provision(TestkitCache.directory());
    }
    return shared;
  }

  /** Reuses a complete environment under {@code cache} or creates one, holding a file lock meanwhile. */
  public static PythonMilvusEnvironment provision(Path cache) {
    return provision(cache, pythonExecutable());
  }

  /** As {@link #provision(Path)} with {@code python} creating the virtualenv ({@link CachedInstall}). */
  static PythonMilvusEnvironment provision(Path cache, String python) {
    Path home = CachedInstall.ensure(cache, homeIn(cache).getFileName().toString(), REQUIREMENTS,
        (fresh, log) -> new PythonMilvusEnvironment(fresh).install(python, log));
    return new PythonMilvusEnvironment(home);
  }

  /** Where the environment of the current {@link #REQUIREMENTS} lives under {@code cache}. */
  static Path homeIn(Path cache) {
    return cache.resolve("venv-" + requirementsHash());
  }

  public Path home() {
    return home;
  }

  /** The {@code milvus-lite} console script. */
  public Path milvusLiteLauncher() {
    return home.resolve("bin").resolve("milvus-lite");
  }

  /** The unpacked standalone server: the {@code milvus} binary, its libraries, config template and glog.conf. */
  public Path standaloneDistribution() {
    return home.resolve("milvus-standalone");
  }

  private void install(String python, Path log) throws IOException {
    long started = System.nanoTime();
    LOG.info("Creating the Milvus Python environment {} with {} (log: {})", home, REQUIREMENTS, log);
    CommandRun.run(List.of(python, "-m", "venv", home.toString()), log, VENV_TIMEOUT);
    List<String> pip = new ArrayList<>(List.of(venvPython(), "-m", "pip", "install", "--disable-pip-version-check", "--no-input"));
    pip.addAll(REQUIREMENTS);
    CommandRun.run(pip, log, PIP_TIMEOUT);
    CommandRun.run(List.of(venvPython(), "-c", UNPACK_STANDALONE, standaloneDistribution().toString()), log, UNPACK_TIMEOUT);
    LOG.info("Milvus Python environment ready in {} s", (System.nanoTime() - started) / 1_000_000_000.0);
  }

  private String venvPython() {
    return home.resolve("bin").resolve("python").toString();
  }

  static String pythonExecutable() {
    String configured = System.getenv(PYTHON_VARIABLE);
    return configured == null || configured.isBlank() ? "python3" : configured;
  }

  private static String requirementsHash() {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(String.join("\n", REQUIREMENTS).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
