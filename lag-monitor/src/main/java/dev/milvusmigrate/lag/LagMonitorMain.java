package dev.milvusmigrate.lag;

import dev.milvusmigrate.core.config.ConfigException;
import dev.milvusmigrate.schemas.serde.AvroTrust;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/** Runs the lag-monitor until SIGTERM: {@code lag-monitor [--config FILE] | --help}. */
public final class LagMonitorMain {

  private LagMonitorMain() {}

  public static void main(String[] args) throws InterruptedException {
    if (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h"))) {
      System.out.println("Usage: lag-monitor [--config FILE]\n\nSettings (file, or environment variable):\n\n"
          + LagMonitorConfig.SPEC.toMarkdown());
      return;
    }
    Path file = args.length == 2 && args[0].equals("--config") ? Path.of(args[1]) : null;
    if (args.length > 0 && file == null) {
      System.err.println("Unknown arguments: use --config FILE or --help.");
      System.exit(2);
    }
    AvroTrust.install();
    LagMonitorConfig config;
    try {
      config = LagMonitorConfig.load(file, Map.of());
    } catch (ConfigException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    LagMonitorService service = new LagMonitorService(config).start();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      service.close();
      stopped.countDown();
    }, "lag-monitor-shutdown"));
    stopped.await();
  }
}
