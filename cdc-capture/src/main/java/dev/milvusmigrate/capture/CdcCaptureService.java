package dev.milvusmigrate.capture;

import dev.milvusmigrate.runtime.JobServiceHost;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * cdc-capture: runs one {@link JobCapture} per zero-downtime job ({@link JobCaptureFactory}) until
 * the job ends or the service is closed. Run one instance per job: a second one takes the job over
 * (Kafka transactions fence the first).
 */
public final class CdcCaptureService extends JobServiceHost<CdcCaptureService, JobCapture<?>> {

  /** A capture whose meters nobody scrapes (in-process use). */
  public CdcCaptureService(CaptureConfig config) {
    this(config, new SimpleMeterRegistry());
  }

  public CdcCaptureService(CaptureConfig config, MeterRegistry registry) {
    super(config, config.instanceId(), registry, shared -> JobCaptureFactory.open(config, shared));
    CaptureMetrics.registerServiceMeters(registry);
  }

  /** Whether a capture of the job is running in this instance. */
  public boolean isCapturing(String jobId) {
    return isRunning(jobId);
  }

  /** How many job captures ended in this instance (fence written, job ended, failure, or already fenced). */
  public int finishedCaptures() {
    return finishedJobs();
  }
}
