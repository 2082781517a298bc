package dev.milvusmigrate.sink;

import dev.milvusmigrate.runtime.JobServiceHost;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The sink-writer: runs each job's sinks ({@link JobSinks}, made by {@link JobSinksFactory}) into
 * the target until the job ends or the service is closed.
 */
public final class SinkWriterService extends JobServiceHost<SinkWriterService, JobSinks> {

  /** A sink whose meters nobody scrapes (in-process use). */
  public SinkWriterService(SinkConfig config) {
    this(config, new SimpleMeterRegistry());
  }

  public SinkWriterService(SinkConfig config, MeterRegistry registry) {
    super(config, config.instanceId(), registry, shared -> JobSinksFactory.open(config, shared));
    SinkMetrics.registerServiceMeters(registry);
  }

  /** Whether a sink of the job is running in this instance. */
  public boolean isSinking(String jobId) {
    return isRunning(jobId);
  }
}
