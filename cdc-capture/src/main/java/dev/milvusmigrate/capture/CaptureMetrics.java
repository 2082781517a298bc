package dev.milvusmigrate.capture;

import dev.milvusmigrate.kafka.MeterTags;
import io.micrometer.core.instrument.MeterRegistry;

/** What capture counts for one job: committed transactions and what they carried, restarts, failures. */
final class CaptureMetrics {

  private final MeterRegistry registry;
  private final String jobId;

  CaptureMetrics(MeterRegistry registry, String jobId) {
    this.registry = registry;
    this.jobId = jobId;
  }

  /** A committed transaction of {@code bytes} (keys and values as Kafka stored them). */
  void committed(CaptureBatch batch, long bytes) {
    registry.counter("milvus.migrate.capture.transactions", MeterTags.job(jobId)).increment();
    registry.counter("milvus.migrate.capture.bytes.published", MeterTags.job(jobId)).increment(bytes);
    registry.counter("milvus.migrate.capture.heartbeats", MeterTags.job(jobId)).increment(batch.heartbeats());
    batch.mutationsPerCollection().forEach((collection, count) -> registry.counter(
        "milvus.migrate.capture.mutations", MeterTags.collection(jobId, collection.database(), collection.name()))
        .increment(count));
  }

  /** Capture starts over from its checkpoints because Kafka or the source failed. */
  void restarted(String cause) {
    registry.counter("milvus.migrate.capture.restarts", MeterTags.job(jobId).and("cause", cause)).increment();
  }

  /** The job failed in capture. */
  void failed() {
    registry.counter("milvus.migrate.capture.errors", MeterTags.job(jobId)).increment();
  }
}
