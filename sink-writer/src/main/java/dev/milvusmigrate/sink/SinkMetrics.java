package dev.milvusmigrate.sink;

import dev.milvusmigrate.core.domain.CollectionName;
import dev.milvusmigrate.runtime.MeterTags;
import dev.milvusmigrate.sink.live.LiveMeters;
import dev.milvusmigrate.verification.PrimaryKeyColumns;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

/**
 * What the sink counts for one job, per stream ({@code snapshot} or {@code mutations}): rows the
 * target acknowledged, the Kafka bytes and batches they came in and verification results (both
 * results at 0 from the job's start); and for the service (so that they exist, at 0, from start-up):
 * target retries, restarts after Kafka failed and failures, which logs attribute to a job. Rows are {@code write}s (inserts and
 * upserts) or {@code delete}s; collections are named as on the source.
 */
final class SinkMetrics implements LiveMeters {

  private static final String SNAPSHOT = "snapshot";
  private static final String MUTATIONS = "mutations";
  private static final String TARGET_RETRIES = "milvus.migrate.sink.target.retries";
  private static final String ERRORS = "milvus.migrate.sink.errors";
  private static final String KAFKA_RESTARTS = "milvus.migrate.sink.kafka.restarts";
  private static final String VERIFICATIONS = "milvus.migrate.sink.verifications";

  private final MeterRegistry registry;
  private final String jobId;

  SinkMetrics(MeterRegistry registry, String jobId) {
    this.registry = registry;
    this.jobId = jobId;
    verifications(true);
    verifications(false);
  }

  /** Registers the service's meters at 0. */
  static void registerServiceMeters(MeterRegistry registry) {
    registry.counter(TARGET_RETRIES);
    registry.counter(ERRORS);
    registry.counter(KAFKA_RESTARTS);
  }

  /** A snapshot batch of {@code bytes} (its record's value) is on the target. */
  void snapshotApplied(CollectionName collection, int rows, int bytes) {
    rowsApplied(collection, SNAPSHOT, "write", rows);
    consumed(SNAPSHOT, bytes);
  }

  /** One poll of mutations ({@code bytes}: the values of its records) is on the target. */
  void mutationsApplied(ApplyPlan plan, long bytes) {
    plan.deletions().forEach((target, keys) -> rowsApplied(target.name(), MUTATIONS, "delete",
        PrimaryKeyColumns.count(keys)));
    plan.upserts().forEach((target, rows) -> rowsApplied(target.name(), MUTATIONS, "write", rows.count()));
    consumed(MUTATIONS, bytes);
  }

  /** A target call failed because the target was busy or unreachable, and is tried again. */
  void targetRetried() {
    registry.counter(TARGET_RETRIES).increment();
  }

  /** Kafka failed under one of the job's sinks, which starts again with a new consumer. */
  void kafkaRestarted() {
    registry.counter(KAFKA_RESTARTS).increment();
  }

  /** The sink of the job stopped on a failure. */
  void failed() {
    registry.counter(ERRORS).increment();
  }

  void verified(boolean passed) {
    verifications(passed).increment();
  }

  @Override
  public void baselineTaken() {
    registry.counter("milvus.migrate.sink.live.baselines", MeterTags.job(jobId)).increment();
  }

  @Override
  public void entitiesCompared(int entities) {
    registry.counter("milvus.migrate.sink.live.entities.compared", MeterTags.job(jobId)).increment(entities);
  }

  private Counter verifications(boolean passed) {
    return registry.counter(VERIFICATIONS, MeterTags.job(jobId).and("result", passed ? "passed" : "failed"));
  }

  private void rowsApplied(CollectionName collection, String stream, String op, int rows) {
    registry.counter("milvus.migrate.sink.rows.applied",
        MeterTags.collection(jobId, collection).and("stream", stream, "op", op)).increment(rows);
  }

  private void consumed(String stream, long bytes) {
    Tags tags = MeterTags.job(jobId).and("stream", stream);
    registry.counter("milvus.migrate.sink.batches", tags).increment();
    registry.counter("milvus.migrate.sink.bytes", tags).increment(bytes);
  }
}
