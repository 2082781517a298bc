package dev.milvusmigrate.runtime;

import dev.milvusmigrate.core.config.Config;
import dev.milvusmigrate.core.config.ConfigException;
import dev.milvusmigrate.core.config.ConfigLoader;
import dev.milvusmigrate.core.config.ConfigSpec;
import dev.milvusmigrate.schemas.serde.AvroTrust;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;

/**
 * The {@code main} every service shares: {@code <service> [--config FILE] | --help}. Prints the
 * settings on {@code --help}; a bad argument or setting is one sentence on stderr and exit code
 * 2, a service that cannot start exit code 1; otherwise serves {@code GET /metrics} on {@code
 * metrics.port} (unless 0) and runs until SIGTERM, then closes the service. Logs one line per event
 * through {@code logback-service.xml}.
 */
public final class ServiceLauncher {

  private static final String LOGBACK_CONFIG = "logback.configurationFile";

  /** Starts the service, counting its work in the registry; closing it stops it. */
  public interface Starter<C> {
    AutoCloseable start(C config, MeterRegistry registry);
  }

  /** A config that says where the service serves its metrics. */
  public interface MetricsConfig {
    /** The port of {@code GET /metrics}; 0 for none. */
    int metricsPort();
  }

  /** A started service with its metrics endpoint; closing it stops both. */
  public static final class Running implements AutoCloseable {
    private final CloseStack parts;
    private final int metricsPort;

    private Running(CloseStack parts, int metricsPort) {
      this.parts = parts;
      this.metricsPort = metricsPort;
    }

    /** The port {@code GET /metrics} is served on; 0 when the endpoint is off. */
    public int metricsPort() {
      return metricsPort;
    }

    @Override
    public void close() throws Exception {
      parts.close();
    }
  }

  private ServiceLauncher() {}

  /** @param settings the service's config, of the settings its spec declares (file, environment, defaults) */
  public static <C extends MetricsConfig> void run(String[] args, ConfigSpec spec, Function<Config, C> settings,
      Starter<C> starter) throws InterruptedException {
    // Before the first logger exists: a service's lines differ from the CLI's (its logback.xml).
    if (System.getProperty(LOGBACK_CONFIG) == null) {
      System.setProperty(LOGBACK_CONFIG, "logback-service.xml");
    }
    String service = spec.service();
    if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
      System.out.println("Usage: " + service + " [--config FILE]\n\nSettings (file keys, or environment variables):\n");
      System.out.println(spec.toMarkdown());
      return;
    }
    if (!(args.length == 0 || (args.length == 2 && args[0].equals("--config")))) {
      exit(2, "Unknown arguments: use " + service + " --config FILE, or --help for the settings.");
    }
    C config = load(spec, settings, args.length == 2 ? Path.of(args[1]) : null);
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
   * Starts the service with a registry of its own and, unless {@code metrics.port} is 0, the
   * endpoint that serves it; on a failure stops what was started.
   */
  public static <C extends MetricsConfig> Running launch(String service, C config, Starter<C> starter) {
    CloseStack parts = new CloseStack();
    try {
      ServiceRegistry registry = parts.push(new ServiceRegistry(service));
      int port = 0;
      if (config.metricsPort() != 0) {
        port = parts.push(MetricsEndpoint.start(config.metricsPort(), registry.registry())).port();
      }
      parts.push(starter.start(config, registry.registry()));
      return new Running(parts, port);
    } catch (RuntimeException e) {
      parts.closeAfter(e);
      throw e;
    }
  }

  private static <C extends MetricsConfig> C load(ConfigSpec spec, Function<Config, C> settings, Path file) {
    try {
      return settings.apply(new ConfigLoader(spec).load(file, Map.of()));
    } catch (ConfigException | IllegalArgumentException e) {
      exit(2, e.getMessage());
      return null;
    }
  }

  private static <C extends MetricsConfig> AutoCloseable start(String service, Starter<C> starter, C config) {
    try {
      return launch(service, config, starter);
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
