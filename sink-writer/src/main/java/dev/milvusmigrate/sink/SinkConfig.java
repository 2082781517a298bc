package dev.milvusmigrate.sink;

import dev.milvusmigrate.core.config.Config;
import dev.milvusmigrate.core.config.ConfigKey;
import dev.milvusmigrate.core.config.ConfigLoader;
import dev.milvusmigrate.core.config.ConfigSpec;
import dev.milvusmigrate.core.domain.MilvusEndpoint;
import dev.milvusmigrate.core.domain.TlsSettings;
import dev.milvusmigrate.core.domain.TopicNames;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Every setting of the sink-writer, declared once; secrets are never shown. */
public final class SinkConfig {

  static final ConfigKey<String> KAFKA_BOOTSTRAP = ConfigKey.string("kafka.bootstrap", null,
      "Kafka bootstrap servers, e.g. localhost:9092.");
  static final ConfigKey<String> TOPIC_PREFIX = ConfigKey.string("kafka.topic-prefix", "milvus-migrate",
      "Prefix of every topic of the installation.");
  static final ConfigKey<Integer> REPLICATION = ConfigKey.integer("kafka.replication-factor", 1, 1, 32,
      "Replication factor of topics the sink creates when they are missing.");
  static final ConfigKey<Integer> SNAPSHOT_PARTITIONS = ConfigKey.integer("kafka.snapshot-partitions", 6, 1, 1024,
      "Partitions of a job's snapshot topic when the sink has to create it.");
  static final ConfigKey<Integer> MUTATION_PARTITIONS = ConfigKey.integer("kafka.mutation-partitions", 12, 1, 1024,
      "Partitions of a job's mutations topic when the sink has to create it.");
  static final ConfigKey<String> TARGET_URI = ConfigKey.string("target.uri", null,
      "Target Milvus address, e.g. http://target:19530 (https:// turns TLS on).");
  static final ConfigKey<String> TARGET_TOKEN = ConfigKey.string("target.token", "",
      "Target API key or token.").secret();
  static final ConfigKey<String> TARGET_USER = ConfigKey.string("target.user", "", "Target user name.");
  static final ConfigKey<String> TARGET_PASSWORD = ConfigKey.string("target.password", "",
      "Target password.").secret();
  static final ConfigKey<String> TARGET_CA = ConfigKey.string("target.tls.ca-cert", "",
      "CA certificate file that signs the target's server certificate.");
  static final ConfigKey<String> TARGET_CLIENT_CERT = ConfigKey.string("target.tls.client-cert", "",
      "Client certificate file for mutual TLS with the target.");
  static final ConfigKey<String> TARGET_CLIENT_KEY = ConfigKey.string("target.tls.client-key", "",
      "Client key file for mutual TLS with the target.").secret();
  static final ConfigKey<String> SOURCE_URI = ConfigKey.string("source.uri", null,
      "Source Milvus address: verification and the source's index metrics are read from it.");
  static final ConfigKey<String> SOURCE_TOKEN = ConfigKey.string("source.token", "",
      "Source API key or token.").secret();
  static final ConfigKey<String> SOURCE_USER = ConfigKey.string("source.user", "", "Source user name.");
  static final ConfigKey<String> SOURCE_PASSWORD = ConfigKey.string("source.password", "",
      "Source password.").secret();
  static final ConfigKey<String> SOURCE_CA = ConfigKey.string("source.tls.ca-cert", "",
      "CA certificate file that signs the source's server certificate.");
  static final ConfigKey<String> SOURCE_CLIENT_CERT = ConfigKey.string("source.tls.client-cert", "",
      "Client certificate file for mutual TLS with the source.");
  static final ConfigKey<String> SOURCE_CLIENT_KEY = ConfigKey.string("source.tls.client-key", "",
      "Client key file for mutual TLS with the source.").secret();
  static final ConfigKey<Integer> SAMPLE_SIZE = ConfigKey.integer("sink.verify.sample-size", 100, 0, 100_000,
      "Random entities per collection compared field by field.");
  static final ConfigKey<Integer> HIGHEST_KEYS = ConfigKey.integer("sink.verify.highest-keys", 20, 0, 10_000,
      "Entities with the highest primary keys compared field by field, in addition to the random sample.");
  static final ConfigKey<String> INSTANCE_ID = ConfigKey.string("sink.instance-id", "sink-writer",
      "Name of this instance in Kafka client ids.");
  static final ConfigKey<Integer> RETRY_ATTEMPTS = ConfigKey.integer("sink.retry.max-attempts", 8, 1, 1000,
      "Attempts of a target call that failed because the target was busy or unreachable, before the job fails.");
  static final ConfigKey<Duration> RETRY_BACKOFF = ConfigKey.duration("sink.retry.initial-backoff", "500ms",
      "Wait before the first retry; doubles on each retry.");
  static final ConfigKey<Duration> RETRY_MAX_BACKOFF = ConfigKey.duration("sink.retry.max-backoff", "30s",
      "Longest wait between two retries.");

  public static final ConfigSpec SPEC = new ConfigSpec("sink-writer", List.of(KAFKA_BOOTSTRAP, TOPIC_PREFIX,
      REPLICATION, SNAPSHOT_PARTITIONS, MUTATION_PARTITIONS, TARGET_URI, TARGET_TOKEN, TARGET_USER, TARGET_PASSWORD,
      TARGET_CA, TARGET_CLIENT_CERT, TARGET_CLIENT_KEY, SOURCE_URI, SOURCE_TOKEN, SOURCE_USER, SOURCE_PASSWORD,
      SOURCE_CA, SOURCE_CLIENT_CERT, SOURCE_CLIENT_KEY, SAMPLE_SIZE, HIGHEST_KEYS, INSTANCE_ID, RETRY_ATTEMPTS,
      RETRY_BACKOFF, RETRY_MAX_BACKOFF));

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

  public String kafkaBootstrap() {
    return config.get(KAFKA_BOOTSTRAP);
  }

  public TopicNames topics() {
    return new TopicNames(config.get(TOPIC_PREFIX));
  }

  public short replicationFactor() {
    return config.get(REPLICATION).shortValue();
  }

  public int snapshotPartitions() {
    return config.get(SNAPSHOT_PARTITIONS);
  }

  public int mutationPartitions() {
    return config.get(MUTATION_PARTITIONS);
  }

  public MilvusEndpoint target() {
    return endpoint(TARGET_URI, TARGET_TOKEN, TARGET_USER, TARGET_PASSWORD, TARGET_CA, TARGET_CLIENT_CERT,
        TARGET_CLIENT_KEY);
  }

  public MilvusEndpoint source() {
    return endpoint(SOURCE_URI, SOURCE_TOKEN, SOURCE_USER, SOURCE_PASSWORD, SOURCE_CA, SOURCE_CLIENT_CERT,
        SOURCE_CLIENT_KEY);
  }

  public SampleSize sampleSize() {
    return new SampleSize(config.get(SAMPLE_SIZE), config.get(HIGHEST_KEYS));
  }

  public String instanceId() {
    return config.get(INSTANCE_ID);
  }

  public RetryPolicy retryPolicy() {
    return new RetryPolicy(config.get(RETRY_ATTEMPTS), config.get(RETRY_BACKOFF), config.get(RETRY_MAX_BACKOFF));
  }

  /** One line for the start-up log, secrets masked. */
  public String describe() {
    return config.describe();
  }

  private MilvusEndpoint endpoint(ConfigKey<String> uri, ConfigKey<String> token, ConfigKey<String> user,
      ConfigKey<String> password, ConfigKey<String> ca, ConfigKey<String> clientCert, ConfigKey<String> clientKey) {
    MilvusEndpoint endpoint = MilvusEndpoint.of(config.get(uri)).withToken(config.get(token))
        .withUser(config.get(user), config.get(password));
    String caPath = blankToNull(config.get(ca));
    String certPath = blankToNull(config.get(clientCert));
    if (caPath == null && certPath == null) {
      return endpoint;
    }
    return endpoint.withTls(new TlsSettings(true, caPath, certPath, blankToNull(config.get(clientKey)), null));
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text;
  }
}
