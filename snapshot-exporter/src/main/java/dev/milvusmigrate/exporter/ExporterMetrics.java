package dev.milvusmigrate.exporter;

import dev.milvusmigrate.core.domain.CollectionName;
import dev.milvusmigrate.runtime.MeterTags;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * What the exporter counts for one job: rows read from the source and what it published; and for
 * the service (so that they exist, at 0, from start-up): retries and failures. Logs name the job.
 */
final class ExporterMetrics {

  private static final String RETRIES = "milvus.migrate.exporter.retries";
  private static final String ERRORS = "milvus.migrate.exporter.errors";

  private final MeterRegistry registry;
  private final String jobId;

  ExporterMetrics(MeterRegistry registry, String jobId) {
    this.registry = registry;
    this.jobId = jobId;
  }

  /** Registers the service's meters at 0. */
  static void registerServiceMeters(MeterRegistry registry) {
    registry.counter(RETRIES);
    registry.counter(ERRORS);
  }

  void rowsRead(CollectionName name, int rows) {
    registry.counter("milvus.migrate.exporter.rows.read", MeterTags.collection(jobId, name))
        .increment(rows);
  }

  /** One committed transaction: its entity batches and the bytes of all its records as Kafka stored them. */
  void published(CollectionName name, int batches, long bytes) {
    registry.counter("milvus.migrate.exporter.batches.published", MeterTags.collection(jobId, name))
        .increment(batches);
    registry.counter("milvus.migrate.exporter.bytes.published", MeterTags.collection(jobId, name))
        .increment(bytes);
  }

  /** A source call retried because the source was busy or unreachable. */
  void retried() {
    registry.counter(RETRIES).increment();
  }

  /** The job failed in this exporter. */
  void failed() {
    registry.counter(ERRORS).increment();
  }
}
