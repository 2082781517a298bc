package dev.milvusmigrate.capture;

import dev.milvusmigrate.kafka.ServiceLauncher;
import java.util.Map;

/** Runs the cdc-capture until SIGTERM: {@code cdc-capture [--config FILE] | --help}. */
public final class CdcCaptureMain {

  private CdcCaptureMain() {}

  public static void main(String[] args) throws InterruptedException {
    ServiceLauncher.run(args, CaptureConfig.SPEC, file -> CaptureConfig.load(file, Map.of()), (config, registry) -> new CdcCaptureService(config, registry).start());
  }
}
