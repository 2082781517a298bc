package dev.milvusmigrate.proxy;

import dev.milvusmigrate.runtime.ServiceLauncher;

/** Runs the capture-proxy until SIGTERM: {@code capture-proxy [--config FILE] | --help}. */
public final class CaptureProxyMain {

  private CaptureProxyMain() {}

  public static void main(String[] args) throws InterruptedException {
    ServiceLauncher.run(args, ProxyConfig.SPEC, ProxyConfig::new,
        (config, registry) -> ProxyService.start(config, registry));
  }
}
