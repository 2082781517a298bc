package dev.milvusmigrate.lag;

import dev.milvusmigrate.core.config.Config;
import dev.milvusmigrate.core.config.ConfigKey;
import dev.milvusmigrate.core.config.ConfigLoader;
import dev.milvusmigrate.core.config.ConfigSpec;
import dev.milvusmigrate.core.domain.TopicNames;
import dev.milvusmigrate.kafka.KafkaKeys;
import dev.milvusmigrate.kafka.KafkaSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Every setting of the lag-monitor, declared once. */
public final class LagMonitorConfig {

  static final ConfigKey<String> STATE_DIR = ConfigKey.string("lag.state-dir",
      Path.of(System.getProperty("java.io.tmpdir"), "milvus-migrate-lag-monitor").toString(),
      "Directory of the Kafka Streams state stores (rebuilt from Kafka when lost).");
  static final ConfigKey<Duration> COMMIT_INTERVAL = ConfigKey.duration("lag.commit-interval", "200ms",
      "How often the Streams application commits its progress.");

  static final ConfigKey<Duration> THRESHOLD = ConfigKey.duration("lag.threshold", "10s",
      "Lag Behind Source below which the job counts as caught up.");
  static final ConfigKey<Duration> HOLD = ConfigKey.duration("lag.hold", "10s",
      "How long the lag must stay below the threshold before the notification is sent.");
  static final ConfigKey<Duration> REPORT_INTERVAL = ConfigKey.duration("lag.report-interval", "1s",
      "How often the lag of every running zero-downtime job is published, even when nothing arrives.");
  static final ConfigKey<Duration> STALE_AFTER = ConfigKey.duration("lag.stale-after", "5s",
      "A lag report is marked stale when capture has not reported for this long.");

  static final ConfigKey<Duration> MAX_SYNC = ConfigKey.duration("lag.max-sync-duration", "7d",
      "A zero-downtime sync never stopped ends FAILED after this long, unless the job sets its own maximum.");

  public static final ConfigSpec SPEC = ConfigSpec.combining("lag-monitor", KafkaKeys.keys(),
      List.of(STATE_DIR, COMMIT_INTERVAL, THRESHOLD, HOLD, REPORT_INTERVAL, STALE_AFTER, MAX_SYNC));

  private final Config config;

  private LagMonitorConfig(Config config) {
    this.config = config;
  }

  /** Loads from the environment, an optional properties file and explicit overrides. */
  public static LagMonitorConfig load(Path propertiesFile, Map<String, String> overrides) {
    return new LagMonitorConfig(new ConfigLoader(SPEC).load(propertiesFile, overrides));
  }

  public static LagMonitorConfig of(Map<String, String> file, Map<String, String> env, Map<String, String> overrides) {
    return new LagMonitorConfig(new ConfigLoader(SPEC).load(file, env, overrides));
  }

  public KafkaSettings kafka() {
    return KafkaKeys.settings(config);
  }

  public TopicNames topics() {
    return kafka().topics();
  }

  public LagTopology.Settings lagSettings() {
    return new LagTopology.Settings(config.get(THRESHOLD), config.get(HOLD), config.get(REPORT_INTERVAL),
        config.get(STALE_AFTER), config.get(MAX_SYNC));
  }

  /** The Kafka Streams application id: one per installation. */
  public String applicationId() {
    return topics().prefix() + "-lag-monitor";
  }

  public Path stateDir() {
    return Path.of(config.get(STATE_DIR));
  }

  public Duration commitInterval() {
    return config.get(COMMIT_INTERVAL);
  }

  /** One line for the start-up log. */
  public String describe() {
    return config.describe();
  }
}
