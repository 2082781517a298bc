package dev.milvusmigrate.exporter;

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

/** Every setting of the snapshot-exporter, declared once; secrets are never shown. */
public final class ExporterConfig {

  /** Kafka accepts records up to 32 MiB; batches stay well below so one is always one record. */
  static final int MAX_BATCH_BYTES = 16 * 1024 * 1024;

  static final ConfigKey<String> KAFKA_BOOTSTRAP = ConfigKey.string("kafka.bootstrap", null,
      "Kafka bootstrap servers, e.g. localhost:9092.");
  static final ConfigKey<String> TOPIC_PREFIX = ConfigKey.string("kafka.topic-prefix", "milvus-migrate",
      "Prefix of every topic of the installation.");
  static final ConfigKey<Integer> REPLICATION = ConfigKey.integer("kafka.replication-factor", 1, 1, 32,
      "Replication factor of topics the exporter creates when they are missing (use 3 in production).");
  static final ConfigKey<Integer> SNAPSHOT_PARTITIONS = ConfigKey.integer("kafka.snapshot-partitions", 8, 1, 1024,
      "Partitions of a job's snapshot topic when the exporter has to create it.");
  static final ConfigKey<Integer> MUTATION_PARTITIONS = ConfigKey.integer("kafka.mutation-partitions", 12, 1, 1024,
      "Partitions of a job's mutations topic when the exporter has to create it.");
  static final ConfigKey<String> SOURCE_URI = ConfigKey.string("source.uri", null,
      "Source Milvus address, e.g. http://source:19530 (https:// turns TLS on).");
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

  public static final ConfigSpec SPEC = new ConfigSpec("snapshot-exporter", List.of(KAFKA_BOOTSTRAP, TOPIC_PREFIX,
      REPLICATION, SNAPSHOT_PARTITIONS, MUTATION_PARTITIONS, SOURCE_URI, SOURCE_TOKEN, SOURCE_USER, SOURCE_PASSWORD,
      SOURCE_CA, SOURCE_CLIENT_CERT, SOURCE_CLIENT_KEY, BATCH_BYTES, PAGE_ROWS, PARALLEL_COLLECTIONS,
      MAX_BYTES_PER_SECOND, INSTANCE_INDEX, INSTANCE_COUNT, RETRY_DURATION));

  private final Config config;

  private ExporterConfig(Config config) {
    this.config = config;
    instance();
  }

  /** Loads from the environment, an optional properties file and explicit overrides. */
  public static ExporterConfig load(Path propertiesFile, Map<String, String> overrides) {
    return new ExporterConfig(new ConfigLoader(SPEC).load(propertiesFile, overrides));
  }

  public static ExporterConfig of(Map<String, String> file, Map<String, String> env, Map<String, String> overrides) {
    return new ExporterConfig(new ConfigLoader(SPEC).load(file, env, overrides));
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

  public int batchBytes() {
    return config.get(BATCH_BYTES);
  }

  public int pageRows() {
    return config.get(PAGE_ROWS);
  }

  public int parallelCollections() {
    return config.get(PARALLEL_COLLECTIONS);
  }

  public long maxBytesPerSecond() {
    return config.get(MAX_BYTES_PER_SECOND);
  }

  public Duration retryDuration() {
    return config.get(RETRY_DURATION);
  }

  /** This instance's share of the collections; fails at start when the index is not below the count. */
  public InstanceOwnership instance() {
    return InstanceOwnership.of(config.get(INSTANCE_INDEX), config.get(INSTANCE_COUNT));
  }

  public MilvusEndpoint source() {
    MilvusEndpoint endpoint = MilvusEndpoint.of(config.get(SOURCE_URI)).withToken(config.get(SOURCE_TOKEN))
        .withUser(config.get(SOURCE_USER), config.get(SOURCE_PASSWORD));
    String caPath = blankToNull(config.get(SOURCE_CA));
    String certPath = blankToNull(config.get(SOURCE_CLIENT_CERT));
    if (caPath == null && certPath == null) {
      return endpoint;
    }
    return endpoint.withTls(new TlsSettings(true, caPath, certPath, blankToNull(config.get(SOURCE_CLIENT_KEY)), null));
  }

  /** One line for the start-up log, secrets masked. */
  public String describe() {
    return config.describe();
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text;
  }
}
