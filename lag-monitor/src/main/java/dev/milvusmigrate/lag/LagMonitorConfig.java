package dev.milvusmigrate.lag;

import dev.milvusmigrate.core.config.Config;
import dev.milvusmigrate.core.config.ConfigException;
import dev.milvusmigrate.core.config.ConfigKey;
import dev.milvusmigrate.core.config.ConfigLoader;
import dev.milvusmigrate.core.config.ConfigSpec;
import dev.milvusmigrate.core.domain.KafkaCommandOptions;
import dev.milvusmigrate.runtime.ServiceConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every setting of the lag-monitor, declared once. */
public final class LagMonitorConfig extends ServiceConfig {

  static final ConfigKey<String> STATE_DIR = ConfigKey.string("lag.state-dir", "",
      "Directory of the Kafka Streams state stores, reused across restarts (one per instance); empty: a new one"
      + " under java.io.tmpdir for each run, deleted at stop, the state restored from Kafka at start.");
  static final ConfigKey<Duration> COMMIT_INTERVAL = ConfigKey.duration("lag.commit-interval", "100ms",
      "How often the Streams application commits (exactly-once), so the longest a new status, lag or notification"
      + " waits before readers see it.");

  static final ConfigKey<Duration> THRESHOLD = ConfigKey.duration("lag.threshold", "10s",
      "Lag Behind Source below which the job counts as caught up.");
  static final ConfigKey<Duration> HOLD = ConfigKey.duration("lag.hold", "10s",
      "How long the lag must stay below the threshold before the notification is sent.");
  static final ConfigKey<Duration> REPORT_INTERVAL = ConfigKey.duration("lag.report-interval", "1s",
      "How often the lag of every running zero-downtime job is published, even when nothing arrives.");
  static final ConfigKey<Duration> STALE_AFTER = ConfigKey.duration("lag.stale-after", "5s",
      "A lag report is marked stale when capture has not reported for this long.");

  static final ConfigKey<Duration> LIVENESS_TIMEOUT = ConfigKey.duration("lag.liveness.timeout", "30s",
      "A running job whose snapshot-exporter, sink-writer or (zero-downtime) cdc-capture has not announced it for this"
          + " long shows a warning in its status (at least 3 times the services' presence.interval).");

  static final ConfigKey<Duration> MAX_SYNC = ConfigKey.duration("lag.max-sync-duration", "7d",
      "A zero-downtime sync never stopped ends FAILED after this long, unless the job sets its own maximum.");

  static final ConfigKey<Duration> ENDED_JOB_TOPICS_RETENTION = ConfigKey.duration("lag.ended-job-topics.retention",
      "3d", "The topics of a job (snapshot, mutations, checkpoints) are deleted this long after it ended; 0s keeps"
          + " them (delete them with 'milvus-migrate cleanup JOB'). Its status stays.");
  static final ConfigKey<Duration> ENDED_JOB_TOPICS_CHECK = ConfigKey.duration("lag.ended-job-topics.check-interval",
      "10m", "How often the lag-monitor looks for ended jobs whose topics are due for deletion.");
  static final ConfigKey<String> USER_KAFKA = ConfigKey.hostPorts("lag.user-kafka", "",
      "Kafka bootstrap as users reach it, named in the commands the notifications print; empty is kafka.bootstrap"
          + " (set it when this service reaches Kafka at another address, e.g. inside a container network).");

  static final ConfigKey<String> WEBHOOK_URL = ConfigKey.string("lag.webhook.url", "",
      "http(s) URL every notification is POSTed to as JSON (user:password@ in it becomes Basic auth);"
          + " empty turns the webhook off.").secret();
  static final ConfigKey<Integer> WEBHOOK_ATTEMPTS = ConfigKey.integer("lag.webhook.max-attempts", 5, 1, 100,
      "Tries of a notification's POST (5xx, 429, timeouts and connection errors are retried) before it is given up.");
  static final ConfigKey<Duration> WEBHOOK_BACKOFF = ConfigKey.duration("lag.webhook.initial-backoff", "500ms",
      "Wait before the first retry of a webhook POST; doubles on each retry, up to 30 s.");
  static final ConfigKey<Duration> WEBHOOK_TIMEOUT = ConfigKey.duration("lag.webhook.timeout", "10s",
      "How long one webhook POST may take to connect, and then to be answered.");

  private static final ConfigKey<Integer> METRICS_PORT = metricsPort(9404);

  public static final ConfigSpec SPEC = spec("lag-monitor", METRICS_PORT,
      List.of(STATE_DIR, COMMIT_INTERVAL, THRESHOLD, HOLD, REPORT_INTERVAL, STALE_AFTER, LIVENESS_TIMEOUT, MAX_SYNC,
          USER_KAFKA,
          ENDED_JOB_TOPICS_RETENTION, ENDED_JOB_TOPICS_CHECK, WEBHOOK_URL, WEBHOOK_ATTEMPTS, WEBHOOK_BACKOFF,
          WEBHOOK_TIMEOUT));

  private final Optional<WebhookSettings> webhook;

  LagMonitorConfig(Config config) {
    super(config, METRICS_PORT);
    this.webhook = webhookSettings();
  }

  public static LagMonitorConfig of(Map<String, String> file, Map<String, String> env, Map<String, String> overrides) {
    return new LagMonitorConfig(new ConfigLoader(SPEC).load(file, env, overrides));
  }

  public LagTopology.Settings lagSettings() {
    return new LagTopology.Settings(get(THRESHOLD), get(HOLD), get(REPORT_INTERVAL), get(STALE_AFTER), get(MAX_SYNC),
        KafkaCommandOptions.of(userKafka(), topics()), livenessTimeout(), kafka().bootstrapServers());
  }

  private Duration livenessTimeout() {
    Duration timeout = get(LIVENESS_TIMEOUT);
    if (timeout.compareTo(Duration.ZERO) <= 0) {
      throw new ConfigException("Setting '" + LIVENESS_TIMEOUT.name() + "' must be longer than 0, e.g. 30s.");
    }
    return timeout;
  }

  private String userKafka() {
    String userKafka = get(USER_KAFKA);
    return userKafka.isEmpty() ? kafka().bootstrapServers() : userKafka;
  }

  /** The Kafka Streams application id: one per installation. */
  public String applicationId() {
    return topics().prefix() + "-lag-monitor";
  }

  /** The configured state directory; empty for a temporary one per run. */
  Optional<Path> stateDir() {
    String configured = get(STATE_DIR);
    return configured.isBlank() ? Optional.empty() : Optional.of(Path.of(configured));
  }

  public Duration commitInterval() {
    return get(COMMIT_INTERVAL);
  }

  /** How long the topics of an ended job are kept; empty when they are kept for good. */
  Optional<Duration> endedJobTopicsRetention() {
    Duration retention = get(ENDED_JOB_TOPICS_RETENTION);
    return retention.isZero() || retention.isNegative() ? Optional.empty() : Optional.of(retention);
  }

  Duration endedJobTopicsCheckInterval() {
    Duration interval = get(ENDED_JOB_TOPICS_CHECK);
    if (interval.compareTo(Duration.ZERO) <= 0) {
      throw new ConfigException("Setting '" + ENDED_JOB_TOPICS_CHECK.name() + "' must be longer than 0, e.g. 10m.");
    }
    return interval;
  }

  /** Where and how notifications are POSTed; empty when {@code lag.webhook.url} is not set. */
  Optional<WebhookSettings> webhook() {
    return webhook;
  }

  /** The consumer group of the webhook delivery: one per installation, apart from the Streams application. */
  public String webhookGroupId() {
    return applicationId() + "-webhook";
  }

  private Optional<WebhookSettings> webhookSettings() {
    if (get(WEBHOOK_URL).isBlank()) {
      return Optional.empty();
    }
    if (get(WEBHOOK_TIMEOUT).compareTo(Duration.ZERO) <= 0) {
      throw new ConfigException("Setting '" + WEBHOOK_TIMEOUT.name() + "' must be longer than 0, e.g. 10s.");
    }
    return Optional.of(new WebhookSettings(WebhookEndpoint.parse(WEBHOOK_URL.name(), get(WEBHOOK_URL)),
        get(WEBHOOK_ATTEMPTS), get(WEBHOOK_BACKOFF), get(WEBHOOK_TIMEOUT)));
  }
}
