package dev.milvusmigrate.exporter;

import dev.milvusmigrate.runtime.JobServiceHost;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The snapshot-exporter: exports a consistent snapshot of every job's source collections (the
 * share this instance owns) to the job's snapshot topic, resumably, one {@link JobExport} per job
 * ({@link JobExportFactory}); each stops promptly when the job is cancelled or ends.
 */
public final class SnapshotExporterService extends JobServiceHost<SnapshotExporterService, JobExport> {

  /** An exporter whose meters nobody scrapes (in-process use). */
  public SnapshotExporterService(ExporterConfig config) {
    this(config, new SimpleMeterRegistry());
  }

  public SnapshotExporterService(ExporterConfig config, MeterRegistry registry) {
    super(config, "snapshot-exporter-" + config.instance().index(), registry,
        shared -> new JobExportFactory(config, shared));
    ExporterMetrics.registerServiceMeters(registry);
  }
}
