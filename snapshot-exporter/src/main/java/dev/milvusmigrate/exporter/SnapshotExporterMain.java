package dev.milvusmigrate.exporter;

import dev.milvusmigrate.runtime.ServiceLauncher;

/** Runs the snapshot-exporter until SIGTERM: {@code snapshot-exporter [--config FILE] | --help}. */
public final class SnapshotExporterMain {

  private SnapshotExporterMain() {}

  public static void main(String[] args) throws InterruptedException {
    ServiceLauncher.run(args, ExporterConfig.SPEC, ExporterConfig::new,
        (config, registry) -> new SnapshotExporterService(config, registry).start());
  }
}
