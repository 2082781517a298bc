package dev.milvusmigrate.exporter;

import dev.milvusmigrate.core.config.Config;
import dev.milvusmigrate.core.config.ConfigKey;
import dev.milvusmigrate.core.config.ConfigLoader;
import dev.milvusmigrate.core.config.ConfigSpec;
import dev.milvusmigrate.core.config.EndpointKeys;
import dev.milvusmigrate.core.domain.MilvusEndpoint;
import dev.milvusmigrate.runtime.ServiceConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Every setting of the snapshot-exporter, declared once; secrets are never shown. */
public final class ExporterConfig extends ServiceConfig {

  /** Kafka accepts records up to 32 MiB; batches stay well below so one is always one record. */
  static final int MAX_BATCH_BYTES = 16 * 1024 * 1024;

  static final ConfigKey<Integer> BATCH_BYTES = ConfigKey.integer("exporter.batch.bytes", 4 * 1024 * 1024, 1024,
      MAX_BATCH_BYTES, "Largest entity batch in bytes; one batch is one Kafka record and one target insert.");
  static final ConfigKey<Integer> PAGE_ROWS = ConfigKey.integer("exporter.page.rows", 2000, 1, 16384,
      "Rows per source query page; lowered automatically when rows are so wide that a page exceeds a batch.");
  static final ConfigKey<Integer> PARALLEL_COLLECTIONS = ConfigKey.integer("exporter.parallel-collections", 2, 1, 64,
      "Collections of one job exported at the same time.");
  static final ConfigKey<Integer> MAX_BYTES_PER_SECOND = ConfigKey.integer("exporter.max-bytes-per-second", 0, 0,
      Integer.MAX_VALUE, "Read rate limit per job in bytes per second, to spare a busy source; 0 means no limit.");
  static final ConfigKey<Integer> INSTANCE_INDEX = ConfigKey.integer("exporter.instance.index", 0, 0, 1023,
      "Index of this instance, from 0; it exports the collections whose hash modulo the instance count equals it.");
  static final ConfigKey<Integer> INSTANCE_COUNT = ConfigKey.integer("exporter.instance.count", 1, 1, 1024,
      "Number of exporter instances sharing every job.");
  static final ConfigKey<Duration> RETRY_DURATION = ConfigKey.duration("exporter.retry.max-duration", "2m",
      "How long a source call that failed because the source was busy or unreachable is retried before the job fails.");

  private static final ConfigKey<Integer> METRICS_PORT = metricsPort(9401);

  public static final ConfigSpec SPEC = jobServiceSpec("snapshot-exporter", METRICS_PORT,
      EndpointKeys.SOURCE.keys(), List.of(BATCH_BYTES, PAGE_ROWS, PARALLEL_COLLECTIONS,
      MAX_BYTES_PER_SECOND, INSTANCE_INDEX, INSTANCE_COUNT, RETRY_DURATION));

  ExporterConfig(Config config) {
    super(config, METRICS_PORT);
    instance();
  }

  public static ExporterConfig of(Map<String, String> file, Map<String, String> env, Map<String, String> overrides) {
    return new ExporterConfig(new ConfigLoader(SPEC).load(file, env, overrides));
  }

  public int batchBytes() {
    return get(BATCH_BYTES);
  }

  public int pageRows() {
    return get(PAGE_ROWS);
  }

  public int parallelCollections() {
    return get(PARALLEL_COLLECTIONS);
  }

  public long maxBytesPerSecond() {
    return get(MAX_BYTES_PER_SECOND);
  }

  public Duration retryDuration() {
    return get(RETRY_DURATION);
  }

  /** This instance's share of the collections; fails at start when the index is not below the count. */
  public InstanceOwnership instance() {
    return InstanceOwnership.of(get(INSTANCE_INDEX), get(INSTANCE_COUNT));
  }

  public MilvusEndpoint source() {
    return endpoint(EndpointKeys.SOURCE);
  }

}
