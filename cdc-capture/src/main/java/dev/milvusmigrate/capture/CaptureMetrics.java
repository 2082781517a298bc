package dev.milvusmigrate.capture;

import dev.milvusmigrate.runtime.MeterTags;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * What capture counts for one job: committed transactions and what they carried; and for the
 * service (so that they exist, at 0, from start-up): restarts by cause and failures. Logs name the job.
 */
final class CaptureMetrics {

  static final String KAFKA = "kafka";
  static final String SOURCE = "source";
  private static final String RESTARTS = "milvus.migrate.capture.restarts";
  private static final String ERRORS = "milvus.migrate.capture.errors";

  private final MeterRegistry registry;
  private final String jobId;

  CaptureMetrics(MeterRegistry registry, String jobId) {
    this.registry = registry;
    this.jobId = jobId;
  }

  /** Registers the service's meters at 0. */
  static void registerServiceMeters(MeterRegistry registry) {
    registry.counter(RESTARTS, "cause", KAFKA);
    registry.counter(RESTARTS, "cause", SOURCE);
    registry.counter(ERRORS);
  }

  /** A committed transaction of {@code bytes} (keys and values as Kafka stored them). */
  void committed(CaptureBatch batch, long bytes) {
    registry.counter("milvus.migrate.capture.transactions", MeterTags.job(jobId)).increment();
    registry.counter("milvus.migrate.capture.bytes.published", MeterTags.job(jobId)).increment(bytes);
    registry.counter("milvus.migrate.capture.heartbeats", MeterTags.job(jobId)).increment(batch.heartbeats());
    batch.mutationsPerCollection().forEach((collection, count) -> registry.counter(
        "milvus.migrate.capture.mutations", MeterTags.collection(jobId, collection))
        .increment(count));
  }

  /** Capture starts over from its checkpoints because Kafka or the source failed: {@link #KAFKA} or {@link #SOURCE}. */
  void restarted(String cause) {
    registry.counter(RESTARTS, "cause", cause).increment();
  }

  /** The job failed in capture. */
  void failed() {
    registry.counter(ERRORS).increment();
  }
}
