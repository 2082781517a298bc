package dev.milvusmigrate.sink;

import dev.milvusmigrate.kafka.ServiceLauncher;
import java.util.Map;

/** Runs the sink-writer until SIGTERM: {@code sink-writer [--config FILE] | --help}. */
public final class SinkWriterMain {

  private SinkWriterMain() {}

  public static void main(String[] args) throws InterruptedException {
    ServiceLauncher.run(args, SinkConfig.SPEC, file -> SinkConfig.load(file, Map.of()), (config, registry) -> new SinkWriterService(config, registry).start());
  }
}
