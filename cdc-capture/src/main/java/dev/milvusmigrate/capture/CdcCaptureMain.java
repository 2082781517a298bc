package dev.milvusmigrate.capture;

import dev.milvusmigrate.runtime.ServiceLauncher;

/** Runs the cdc-capture until SIGTERM: {@code cdc-capture [--config FILE] | --help}. */
public final class CdcCaptureMain {

  private CdcCaptureMain() {}

  public static void main(String[] args) throws InterruptedException {
    ServiceLauncher.run(args, CaptureConfig.SPEC, CaptureConfig::new,
        (config, registry) -> new CdcCaptureService(config, registry).start());
  }
}
