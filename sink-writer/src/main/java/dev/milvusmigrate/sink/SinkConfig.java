package dev.milvusmigrate.sink;

import dev.milvusmigrate.core.concurrent.RetryPolicy;
import dev.milvusmigrate.core.config.Config;
import dev.milvusmigrate.core.config.ConfigKey;
import dev.milvusmigrate.core.config.ConfigLoader;
import dev.milvusmigrate.core.config.ConfigSpec;
import dev.milvusmigrate.core.config.EndpointKeys;
import dev.milvusmigrate.core.domain.MilvusEndpoint;
import dev.milvusmigrate.runtime.ServiceConfig;
import dev.milvusmigrate.sink.live.LiveSettings;
import dev.milvusmigrate.verification.SampleSize;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Every setting of the sink-writer, declared once; secrets are never shown. */
public final class SinkConfig extends ServiceConfig {

  static final ConfigKey<Integer> SAMPLE_SIZE = ConfigKey.integer("sink.verify.sample-size", SampleSize.FITTED,
      SampleSize.FITTED, 1_000_000, "Random entities per collection compared field by field; -1 sizes the sample per"
      + " collection so that a difference in 0.1 % of its entities is found with 99 % probability (at most 4,603).");
  static final ConfigKey<Boolean> FULL = ConfigKey.bool("sink.verify.full", false,
      "Compare every entity's fields on both sides (by a digest of the fields, streamed) instead of a sample; at"
      + " stop-sync this replaces the live verification's shortcut.");
  static final ConfigKey<Integer> HIGHEST_KEYS = ConfigKey.integer("sink.verify.highest-keys", 20, 0, 10_000,
      "Entities with the highest primary keys compared field by field, in addition to the random sample.");
  static final ConfigKey<Boolean> LIVE = ConfigKey.bool("sink.verify.live", true,
      "Verify zero-downtime jobs while they sync (a key scan of both sides, then every changed entity), so that"
      + " stop-sync only compares what changed last; false runs the full verification at stop-sync.");
  static final ConfigKey<Integer> LIVE_MAX_KEYS = ConfigKey.integer("sink.verify.live.max-keys", 20_000_000, 0,
      Integer.MAX_VALUE, "Most baseline keys the live verification keeps in memory (about 8 bytes per INT64 key, both"
      + " sides counted): a collection whose key scan would pass it is left to the full verification at stop-sync.");
  static final ConfigKey<Integer> LIVE_MAX_CHANGED_KEYS = ConfigKey.integer("sink.verify.live.max-changed-keys",
      500_000, 0, Integer.MAX_VALUE, "Most changed keys the live verification keeps in memory (about 100 bytes"
      + " each): past it, the collection with the most is left to the full verification at stop-sync.");
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

  private static final ConfigKey<Integer> METRICS_PORT = metricsPort(9403);

  public static final ConfigSpec SPEC = jobServiceSpec("sink-writer", METRICS_PORT,
      EndpointKeys.TARGET.keys(), EndpointKeys.SOURCE.keys(), List.of(SAMPLE_SIZE, HIGHEST_KEYS, FULL, LIVE,
          LIVE_MAX_KEYS, LIVE_MAX_CHANGED_KEYS, LIVE_LOAD_RELEASED, INSTANCE_ID, RETRY_ATTEMPTS, RETRY_BACKOFF,
          RETRY_MAX_BACKOFF));

  SinkConfig(Config config) {
    super(config, METRICS_PORT);
  }

  public static SinkConfig of(Map<String, String> file, Map<String, String> env, Map<String, String> overrides) {
    return new SinkConfig(new ConfigLoader(SPEC).load(file, env, overrides));
  }

  public MilvusEndpoint target() {
    return endpoint(EndpointKeys.TARGET);
  }

  public MilvusEndpoint source() {
    return endpoint(EndpointKeys.SOURCE);
  }

  public SampleSize sampleSize() {
    return new SampleSize(get(SAMPLE_SIZE), get(HIGHEST_KEYS));
  }

  public boolean verifyInFull() {
    return get(FULL);
  }

  LiveSettings live() {
    return new LiveSettings(get(LIVE), get(LIVE_MAX_KEYS), get(LIVE_MAX_CHANGED_KEYS),
        get(LIVE_LOAD_RELEASED));
  }

  public String instanceId() {
    return get(INSTANCE_ID);
  }

  public RetryPolicy retryPolicy() {
    return new RetryPolicy(get(RETRY_ATTEMPTS), get(RETRY_BACKOFF), get(RETRY_MAX_BACKOFF));
  }
}
