package dev.milvusmigrate.lag;

import dev.milvusmigrate.runtime.ServiceLauncher;

/** Runs the lag-monitor until SIGTERM: {@code lag-monitor [--config FILE] | --help}. */
public final class LagMonitorMain {

  private LagMonitorMain() {}

  public static void main(String[] args) throws InterruptedException {
    ServiceLauncher.run(args, LagMonitorConfig.SPEC, LagMonitorConfig::new,
        (config, registry) -> new LagMonitorService(config, registry).start());
  }
}
