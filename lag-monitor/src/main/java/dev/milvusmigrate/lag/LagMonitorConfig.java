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

  public static final ConfigSpec SPEC = ConfigSpec.combining("lag-monitor", KafkaKeys.keys(),
      List.of(STATE_DIR, COMMIT_INTERVAL));

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
