package dev.milvusmigrate.capture;

import dev.milvusmigrate.core.concurrent.RetryPolicy;
import dev.milvusmigrate.core.config.Config;
import dev.milvusmigrate.core.config.ConfigKey;
import dev.milvusmigrate.core.config.ConfigLoader;
import dev.milvusmigrate.core.config.ConfigSpec;
import dev.milvusmigrate.core.config.EndpointKeys;
import dev.milvusmigrate.core.domain.MilvusEndpoint;
import dev.milvusmigrate.kafka.KafkaClientKeys;
import dev.milvusmigrate.runtime.ServiceConfig;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.CommonClientConfigs;

/** Every setting of cdc-capture, declared once; secrets are never shown. */
public final class CaptureConfig extends ServiceConfig {

  static final ConfigKey<String> WAL_BOOTSTRAP = ConfigKey.hostPorts("capture.wal.bootstrap", "",
      "Kafka bootstrap servers of the source Milvus's message queue; empty means the pipeline's Kafka.");
  static final ConfigKey<String> WAL_PREFIX = ConfigKey.string("capture.wal.prefix", "by-dev",
      "Cluster prefix of the source's log topics (Milvus common.chanNamePrefix.cluster).");
  static final ConfigKey<String> WAL_PULSAR = ConfigKey.checked("capture.wal.pulsar.service-url", "",
      "pulsar:// or pulsar+ssl:// URLs", PulsarSettings::checkServiceUrl,
      "Service URL of the Pulsar the source Milvus writes its log to (its pulsar.address); when set, capture reads"
      + " the log there instead of on Kafka.");
  static final ConfigKey<String> WAL_PULSAR_ADMIN = ConfigKey.string("capture.wal.pulsar.admin-url", "",
      "Admin REST URL of that Pulsar (its pulsar.webport); empty means http://<service host>:8080, or https://<service"
      + " host>:8443 for pulsar+ssl.");
  static final ConfigKey<String> WAL_PULSAR_TENANT = ConfigKey.string("capture.wal.pulsar.tenant", "public",
      "Pulsar tenant of the source's log topics (Milvus pulsar.tenant).");
  static final ConfigKey<String> WAL_PULSAR_NAMESPACE = ConfigKey.string("capture.wal.pulsar.namespace", "default",
      "Pulsar namespace of the source's log topics (Milvus pulsar.namespace).");
  static final ConfigKey<String> WAL_PULSAR_TOKEN = ConfigKey.string("capture.wal.pulsar.token", "",
      "Token capture authenticates with to the source's Pulsar and its admin API; empty means none.").secret();
  static final ConfigKey<String> WAL_PULSAR_TRUST_CERTS = ConfigKey.string("capture.wal.pulsar.tls-trust-certs", "",
      "PEM file of the CA certificates capture trusts for the source's Pulsar over TLS; empty means the JVM's.");
  static final ConfigKey<String> INSTANCE_ID = ConfigKey.string("capture.instance-id", "cdc-capture",
      "Name of this instance in Kafka client ids and heartbeats.");
  static final ConfigKey<Duration> HEARTBEAT_INTERVAL = ConfigKey.duration("capture.heartbeat.interval", "500ms",
      "How often capture writes its source watermark into every mutations partition, even when the source is idle.");
  static final ConfigKey<Duration> CHANNEL_REFRESH = ConfigKey.duration("capture.channel.refresh", "5s",
      "How often the source's Kafka is asked for log topics that appeared since (new collections' channels).");
  static final ConfigKey<Duration> ABANDONED_CHANNEL = ConfigKey.duration("capture.channel.abandoned-after", "10s",
      "A fully read channel whose ticks are this far behind the newest tick is no longer used by the source.");
  static final ConfigKey<Duration> RETRY_BACKOFF = ConfigKey.duration("capture.retry.backoff", "2s",
      "Wait before capture reconnects after Kafka or the source failed; it then resumes from its checkpoints.");

  static final ConfigKey<Duration> DDL_INTERVAL = ConfigKey.duration("capture.ddl.interval", "5s",
      "How often the source's metadata is compared to catch operations forbidden during a zero-downtime job.");

  private static final ConfigKey<Integer> METRICS_PORT = metricsPort(9402);

  public static final ConfigSpec SPEC = jobServiceSpec("cdc-capture", METRICS_PORT,
      EndpointKeys.SOURCE.keys(), List.of(WAL_BOOTSTRAP, WAL_PREFIX, WAL_PULSAR,
      WAL_PULSAR_ADMIN, WAL_PULSAR_TENANT, WAL_PULSAR_NAMESPACE, WAL_PULSAR_TOKEN, WAL_PULSAR_TRUST_CERTS, INSTANCE_ID, HEARTBEAT_INTERVAL, CHANNEL_REFRESH,
      ABANDONED_CHANNEL, RETRY_BACKOFF, DDL_INTERVAL), KafkaClientKeys.SOURCE_LOG.keys());

  CaptureConfig(Config config) {
    super(config, METRICS_PORT);
    walConnection();
  }

  public static CaptureConfig of(Map<String, String> file, Map<String, String> env, Map<String, String> overrides) {
    return new CaptureConfig(new ConfigLoader(SPEC).load(file, env, overrides));
  }

  public MilvusEndpoint source() {
    return endpoint(EndpointKeys.SOURCE);
  }

  /** Bootstrap servers of the source's log. */
  public String walBootstrap() {
    String wal = get(WAL_BOOTSTRAP);
    return wal == null || wal.isBlank() ? kafka().bootstrapServers() : wal;
  }

  /** The settings of the source's log connection: the pipeline's when {@code capture.wal.bootstrap} is empty. */
  public KafkaClientKeys walKeys() {
    String wal = get(WAL_BOOTSTRAP);
    return wal == null || wal.isBlank() ? KafkaClientKeys.PIPELINE : KafkaClientKeys.SOURCE_LOG;
  }

  /**
   * Bootstrap servers and security settings of the source's log: the pipeline's own when {@code
   * capture.wal.bootstrap} is empty (the same Kafka), else the {@code capture.wal.*} ones.
   */
  public Map<String, Object> walConnection() {
    String wal = get(WAL_BOOTSTRAP);
    if (wal == null || wal.isBlank()) {
      return kafka().clients().connectionSettings();
    }
    Map<String, Object> connection = new HashMap<>(KafkaClientKeys.SOURCE_LOG.clientSettings(config()));
    connection.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, wal);
    return connection;
  }

  /** The source's Pulsar when {@code capture.wal.pulsar.service-url} is set: the log is read there, not on Kafka. */
  Optional<PulsarSettings> walPulsar() {
    String service = get(WAL_PULSAR);
    if (service == null || service.isBlank()) {
      return Optional.empty();
    }
    return Optional.of(new PulsarSettings(service, PulsarSettings.adminUrl(service, get(WAL_PULSAR_ADMIN)),
        get(WAL_PULSAR_TENANT), get(WAL_PULSAR_NAMESPACE), optional(WAL_PULSAR_TOKEN),
        optional(WAL_PULSAR_TRUST_CERTS)));
  }

  private Optional<String> optional(ConfigKey<String> key) {
    String value = get(key);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
  }

  public String walPrefix() {
    return get(WAL_PREFIX);
  }


  public String instanceId() {
    return get(INSTANCE_ID);
  }

  public Duration heartbeatInterval() {
    return get(HEARTBEAT_INTERVAL);
  }

  public Duration channelRefresh() {
    return get(CHANNEL_REFRESH);
  }

  public Duration abandonedChannel() {
    return get(ABANDONED_CHANNEL);
  }

  /** Capture restarts from its checkpoints forever, waiting the same {@code capture.retry.backoff} each time. */
  public RetryPolicy retryPolicy() {
    return RetryPolicy.unlimited(get(RETRY_BACKOFF), get(RETRY_BACKOFF));
  }

  public Duration ddlInterval() {
    return get(DDL_INTERVAL);
  }
}
