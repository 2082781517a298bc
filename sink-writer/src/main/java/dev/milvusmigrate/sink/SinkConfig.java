package dev.milvusmigrate.sink;

import dev.milvusmigrate.core.concurrent.RetryPolicy;
import dev.milvusmigrate.core.config.Config;
import dev.milvusmigrate.core.config.ConfigKey;
import dev.milvusmigrate.core.config.ConfigLoader;
import dev.milvusmigrate.core.config.ConfigSpec;
import dev.milvusmigrate.core.config.EndpointKeys;
import dev.milvusmigrate.core.domain.MilvusEndpoint;
import dev.milvusmigrate.core.domain.TopicNames;
import dev.milvusmigrate.kafka.KafkaKeys;
import dev.milvusmigrate.kafka.KafkaSettings;
import dev.milvusmigrate.kafka.MetricsKeys;
import dev.milvusmigrate.kafka.PresencePublisher;
import dev.milvusmigrate.kafka.ServiceLauncher;
import dev.milvusmigrate.sink.live.LiveSettings;
import dev.milvusmigrate.verification.SampleSize;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Every setting of the sink-writer, declared once; secrets are never shown. */
public final class SinkConfig implements ServiceLauncher.MetricsConfig {

  static final ConfigKey<Integer> SAMPLE_SIZE = ConfigKey.integer("sink.verify.sample-size", 100, 0, 100_000,
      "Random entities per collection compared field by field.");
  static final ConfigKey<Integer> HIGHEST_KEYS = ConfigKey.integer("sink.verify.highest-keys", 20, 0, 10_000,
      "Entities with the highest primary keys compared field by field, in addition to the random sample.");
  static final ConfigKey<Boolean> LIVE = ConfigKey.bool("sink.verify.live", true,
      "Verify zero-downtime jobs while they sync (a key scan of both sides, then every changed entity), so that"
      + " stop-sync only compares what changed last; false runs the full verification at stop-sync.");
  static final ConfigKey<Integer> LIVE_MAX_KEYS = ConfigKey.integer("sink.verify.live.max-keys", 20_000_000, 0,
      Integer.MAX_VALUE, "Most primary keys the live verification keeps in memory (about 8 bytes per INT64 key): a"
      + " larger baseline gives up (stop-sync then runs the full verification), more changed keys start a new one.");
  static final ConfigKey<Boolean> LIVE_LOAD_RELEASED = ConfigKey.bool("sink.verify.live.load-released", true,
      "Load source collections that are released so the live verification covers them too (released again once"
      + " they are verified at stop-sync); false leaves them to a full scan at stop-sync, which loads them then.");
  static final ConfigKey<String> INSTANCE_ID = ConfigKey.string("sink.instance-id", "sink-writer",
      "Name of this instance in Kafka client ids.");
  static final ConfigKey<Integer> RETRY_ATTEMPTS = ConfigKey.integer("sink.retry.max-attempts", 8, 1, 1000,
      "Attempts of a target call that failed because the target was busy or unreachable, before the job fails.");
  static final ConfigKey<Duration> RETRY_BACKOFF = ConfigKey.duration("sink.retry.initial-backoff", "500ms",
      "Wait before the first retry; doubles on each retry.");
  static final ConfigKey<Duration> RETRY_MAX_BACKOFF = ConfigKey.duration("sink.retry.max-backoff", "30s",
      "Longest wait between two retries.");

  static final ConfigKey<Integer> METRICS_PORT = MetricsKeys.port(9403);

  public static final ConfigSpec SPEC = ConfigSpec.combining("sink-writer", KafkaKeys.keys(),
      List.of(METRICS_PORT, PresencePublisher.INTERVAL),
      EndpointKeys.TARGET.keys(), EndpointKeys.SOURCE.keys(), List.of(SAMPLE_SIZE, HIGHEST_KEYS, LIVE, LIVE_MAX_KEYS, LIVE_LOAD_RELEASED, INSTANCE_ID,
      RETRY_ATTEMPTS, RETRY_BACKOFF, RETRY_MAX_BACKOFF));

  private final Config config;

  private SinkConfig(Config config) {
    this.config = config;
  }

  /** Loads from the environment, an optional properties file and explicit overrides. */
  public static SinkConfig load(Path propertiesFile, Map<String, String> overrides) {
    return new SinkConfig(new ConfigLoader(SPEC).load(propertiesFile, overrides));
  }

  public static SinkConfig of(Map<String, String> file, Map<String, String> env, Map<String, String> overrides) {
    return new SinkConfig(new ConfigLoader(SPEC).load(file, env, overrides));
  }

  public KafkaSettings kafka() {
    return KafkaKeys.settings(config);
  }

  public TopicNames topics() {
    return kafka().topics();
  }

  public MilvusEndpoint target() {
    return EndpointKeys.TARGET.endpoint(config);
  }

  /** Other addresses jobs may name the target by (target.aliases). */
  public List<String> targetAliases() {
    return EndpointKeys.TARGET.aliases(config);
  }

  public MilvusEndpoint source() {
    return EndpointKeys.SOURCE.endpoint(config);
  }

  /** Other addresses jobs may name the source by (source.aliases). */
  public List<String> sourceAliases() {
    return EndpointKeys.SOURCE.aliases(config);
  }

  public SampleSize sampleSize() {
    return new SampleSize(config.get(SAMPLE_SIZE), config.get(HIGHEST_KEYS));
  }

  LiveSettings live() {
    return new LiveSettings(config.get(LIVE), config.get(LIVE_MAX_KEYS), config.get(LIVE_LOAD_RELEASED));
  }

  /** How often the service announces itself on the services topic. */
  public Duration presenceInterval() {
    return config.get(PresencePublisher.INTERVAL);
  }

  public String instanceId() {
    return config.get(INSTANCE_ID);
  }

  public RetryPolicy retryPolicy() {
    return new RetryPolicy(config.get(RETRY_ATTEMPTS), config.get(RETRY_BACKOFF), config.get(RETRY_MAX_BACKOFF));
  }

  @Override
  public int metricsPort() {
    return config.get(METRICS_PORT);
  }

  /** One line for the start-up log, secrets masked. */
  public String describe() {
    return config.describe();
  }
}
