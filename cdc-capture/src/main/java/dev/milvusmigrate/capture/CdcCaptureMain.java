package dev.milvusmigrate.capture;

import dev.milvusmigrate.core.config.ConfigException;
import dev.milvusmigrate.schemas.serde.AvroTrust;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/** Runs the cdc-capture until SIGTERM: {@code --config FILE} (optional), {@code --help} lists the settings. */
public final class CdcCaptureMain {

  private CdcCaptureMain() {}

  public static void main(String[] args) throws InterruptedException {
    if (args.length == 1 && args[0].equals("--help")) {
      System.out.println("cdc-capture [--config FILE]\n\nSettings (file keys or environment variables):\n");
      System.out.println(CaptureConfig.SPEC.toMarkdown());
      return;
    }
    Path file = configFile(args);
    CaptureConfig config;
    try {
      config = CaptureConfig.load(file, Map.of());
    } catch (ConfigException | IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    AvroTrust.install();
    CountDownLatch stopped = new CountDownLatch(1);
    CdcCaptureService service = new CdcCaptureService(config).start();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      service.close();
      stopped.countDown();
    }, "cdc-capture-shutdown"));
    stopped.await();
  }

  private static Path configFile(String[] args) {
    if (args.length == 0) {
      return null;
    }
    if (args.length == 2 && args[0].equals("--config")) {
      return Path.of(args[1]);
    }
    System.err.println("Unknown arguments: use --config FILE, or --help for the settings.");
    System.exit(2);
    return null;
  }
}
