package dev.milvusmigrate.lag;

import dev.milvusmigrate.kafka.ServiceLauncher;
import java.util.Map;

/** Runs the lag-monitor until SIGTERM: {@code lag-monitor [--config FILE] | --help}. */
public final class LagMonitorMain {

  private LagMonitorMain() {}

  public static void main(String[] args) throws InterruptedException {
    ServiceLauncher.run(args, LagMonitorConfig.SPEC, file -> LagMonitorConfig.load(file, Map.of()), (config, registry) -> new LagMonitorService(config, registry).start());
  }
}
