package dev.milvusmigrate.kafka;

import dev.milvusmigrate.core.config.ConfigException;
import dev.milvusmigrate.core.config.ConfigSpec;
import dev.milvusmigrate.schemas.serde.AvroTrust;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The {@code main} every service shares: {@code <service> [--config FILE] | --help}. Prints the
 * settings on {@code --help}; a bad argument or setting is one sentence on stderr and exit code
 * 2, a service that cannot start exit code 1; otherwise runs until SIGTERM and closes the service.
 */
public final class ServiceLauncher {

  private static final String LOGBACK_FILE_PROPERTY = "logback.configurationFile";
  private static final String SERVICE_LOGGING = "milvus-migrate-service-logback.xml";

  /** Loads the service's config from the file (may be null), the environment and the defaults. */
  public interface Loader<C> {
    C load(Path file);
  }

  /** Starts the service; closing it stops it. */
  public interface Starter<C> {
    AutoCloseable start(C config);
  }

  private ServiceLauncher() {}

  public static <C> void run(String[] args, ConfigSpec spec, Loader<C> loader, Starter<C> starter)
      throws InterruptedException {
    useServiceLogging();
    String service = spec.service();
    if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
      System.out.println("Usage: " + service + " [--config FILE]\n\nSettings (file keys, or environment variables):\n");
      System.out.println(spec.toMarkdown());
      return;
    }
    if (!(args.length == 0 || (args.length == 2 && args[0].equals("--config")))) {
      exit(2, "Unknown arguments: use " + service + " --config FILE, or --help for the settings.");
    }
    C config = load(loader, args.length == 2 ? Path.of(args[1]) : null);
    AvroTrust.install();
    AutoCloseable running = start(service, starter, config);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        running.close();
      } catch (Exception e) {
        System.err.println(service + " did not stop cleanly: " + e.getMessage());
      }
      stopped.countDown();
    }, service + "-shutdown"));
    stopped.await();
  }

  /**
   * A service's jar may also hold the CLI's logback.xml (quiet: the CLI's output is its report), so
   * the service's own file is chosen by name before the first logger exists, unless the user chose one.
   */
  private static void useServiceLogging() {
    if (System.getProperty(LOGBACK_FILE_PROPERTY) == null) {
      System.setProperty(LOGBACK_FILE_PROPERTY, SERVICE_LOGGING);
    }
  }

  private static <C> C load(Loader<C> loader, Path file) {
    try {
      return loader.load(file);
    } catch (ConfigException | IllegalArgumentException e) {
      exit(2, e.getMessage());
      return null;
    }
  }

  private static <C> AutoCloseable start(String service, Starter<C> starter, C config) {
    try {
      return starter.start(config);
    } catch (RuntimeException e) {
      exit(1, service + " could not start: " + e.getMessage());
      return null;
    }
  }

  private static void exit(int code, String sentence) {
    System.err.println(sentence);
    System.exit(code);
  }
}
