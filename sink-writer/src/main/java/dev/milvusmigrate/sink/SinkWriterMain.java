package dev.milvusmigrate.sink;

import dev.milvusmigrate.core.config.ConfigException;
import dev.milvusmigrate.schemas.serde.AvroTrust;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/** Runs the sink-writer until SIGTERM: {@code sink-writer [--config FILE] | --help}. */
public final class SinkWriterMain {

  private SinkWriterMain() {}

  public static void main(String[] args) throws InterruptedException {
    if (args.length > 0 && args[0].equals("--help")) {
      System.out.println("sink-writer [--config FILE]\n\n" + SinkConfig.SPEC.toMarkdown());
      return;
    }
    Path file = args.length == 2 && args[0].equals("--config") ? Path.of(args[1]) : null;
    if (args.length > 0 && file == null) {
      System.err.println("Unknown arguments: use --config FILE, or --help for the settings.");
      System.exit(2);
    }
    AvroTrust.install();
    SinkConfig config;
    try {
      config = SinkConfig.load(file, Map.of());
    } catch (ConfigException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    SinkWriterService service = new SinkWriterService(config);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      service.close();
      stopped.countDown();
    }, "sink-writer-shutdown"));
    try {
      service.start();
    } catch (RuntimeException e) {
      System.err.println("sink-writer could not start: " + e.getMessage());
      System.exit(1);
    }
    stopped.await();
  }
}
