package dev.milvusmigrate.sink;

import dev.milvusmigrate.runtime.ServiceLauncher;

/** Runs the sink-writer until SIGTERM: {@code sink-writer [--config FILE] | --help}. */
public final class SinkWriterMain {

  private SinkWriterMain() {}

  public static void main(String[] args) throws InterruptedException {
    ServiceLauncher.run(args, SinkConfig.SPEC, SinkConfig::new,
        (config, registry) -> new SinkWriterService(config, registry).start());
  }
}
