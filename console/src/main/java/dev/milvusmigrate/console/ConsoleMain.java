package dev.milvusmigrate.console;

import dev.milvusmigrate.runtime.ServiceLauncher;

/** Runs the console until SIGTERM: {@code console [--config FILE] | --help}. */
public final class ConsoleMain {

  private ConsoleMain() {}

  public static void main(String[] args) throws InterruptedException {
    ServiceLauncher.run(args, ConsoleConfig.SPEC, ConsoleConfig::new, (config, registry) -> ConsoleServer.start(config));
  }
}
