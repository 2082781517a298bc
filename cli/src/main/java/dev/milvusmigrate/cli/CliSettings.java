package dev.milvusmigrate.cli;

import dev.milvusmigrate.core.config.Config;
import dev.milvusmigrate.core.config.ConfigKey;
import dev.milvusmigrate.core.config.ConfigLoader;
import dev.milvusmigrate.core.config.ConfigSpec;
import dev.milvusmigrate.core.config.EndpointKeys;
import dev.milvusmigrate.core.domain.MilvusEndpoint;
import dev.milvusmigrate.core.domain.TopicNames;
import dev.milvusmigrate.kafka.KafkaClientKeys;
import dev.milvusmigrate.kafka.KafkaClients;
import dev.milvusmigrate.kafka.TopicReader;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;

/**
 * What the CLI connects to, resolved as command-line option > environment variable ({@code
 * MILVUS_MIGRATE_SOURCE_TOKEN}, ...) > {@code --config} properties file > default. Secrets are
 * never shown; the resolved endpoints stay in this process.
 */
public final class CliSettings {

  static final ConfigKey<String> KAFKA = ConfigKey.string("kafka.bootstrap", "",
      "Kafka bootstrap servers; empty runs an embedded broker for the duration of the command.");
  static final ConfigKey<String> TOPIC_PREFIX = ConfigKey.string("kafka.topic-prefix", "milvus-migrate",
      "Prefix of every topic of the installation.");
  static final ConfigKey<Integer> REPLICATION = ConfigKey.integer("kafka.replication-factor", 1, 1, 32,
      "Replication factor of the topics the CLI creates.");
  static final ConfigKey<Boolean> EXTERNAL_SERVICES = ConfigKey.bool("cli.external-services", false,
      "offline and zdm only submit the job and follow it: the services already run against kafka.bootstrap"
          + " (their own processes, docker compose), so the command starts none.");

  static final EndpointKeys SOURCE = EndpointKeys.optional("source");
  static final EndpointKeys TARGET = EndpointKeys.optional("target");

  static final ConfigSpec SPEC = ConfigSpec.combining("milvus-migrate",
      List.of(KAFKA, TOPIC_PREFIX, REPLICATION, EXTERNAL_SERVICES), KafkaClientKeys.PIPELINE.keys(), SOURCE.keys(),
      TARGET.keys(), KafkaClientKeys.SOURCE_LOG.keys());

  private final Config config;

  private CliSettings(Config config) {
    this.config = config;
  }

  public static CliSettings load(Path file, Map<String, String> env, Map<String, String> overrides) {
    Map<String, String> present = new HashMap<>();
    overrides.forEach((key, value) -> {
      if (value != null) {
        present.put(key, value);
      }
    });
    CliSettings settings = new CliSettings(new ConfigLoader(SPEC).load(ConfigFiles.read(file), env, present));
    if (settings.externalServices() && settings.kafka().isBlank()) {
      throw CliFailure.badInput("--external-services needs --kafka: give the Kafka the services run against.");
    }
    return settings;
  }

  /** The external Kafka, or empty when the command should run an embedded broker. */
  String kafka() {
    return config.get(KAFKA);
  }

  /**
   * Clients of the given Kafka: with the {@code kafka.*} security settings for the external one,
   * with none for the embedded broker (plaintext on 127.0.0.1). Admin calls wait {@link
   * TopicReader#KAFKA_TIMEOUT}, so a Kafka that does not answer fails the command early.
   */
  KafkaClients kafkaClients(String bootstrap) {
    Map<String, Object> security = bootstrap.equals(kafka()) ? KafkaClientKeys.PIPELINE.clientSettings(config)
        : Map.of();
    return new KafkaClients(bootstrap, security, TopicReader.KAFKA_TIMEOUT);
  }

  /** Bootstrap servers and security settings of the source's log Kafka ({@code capture.wal.*}). */
  Map<String, Object> sourceLogConnection(String bootstrap) {
    Map<String, Object> connection = new HashMap<>(KafkaClientKeys.SOURCE_LOG.clientSettings(config));
    connection.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    return connection;
  }

  /** The services run elsewhere; the command must not start its own. */
  boolean externalServices() {
    return config.get(EXTERNAL_SERVICES);
  }

  TopicNames topics() {
    try {
      return new TopicNames(config.get(TOPIC_PREFIX));
    } catch (IllegalArgumentException e) {
      throw CliFailure.badInput(e.getMessage());
    }
  }

  short replicationFactor() {
    return config.get(REPLICATION).shortValue();
  }

  MilvusEndpoint source() {
    return endpoint(SOURCE, "--source");
  }

  MilvusEndpoint target() {
    return endpoint(TARGET, "--target");
  }

  /**
   * The security settings of a Kafka connection (the pipeline's or the source's log), under the
   * services' own key names, for the services this command starts.
   */
  Map<String, String> serviceSettings(KafkaClientKeys connection) {
    Map<String, String> settings = new HashMap<>();
    for (ConfigKey<String> key : connection.stringKeys()) {
      settings.put(key.name(), config.get(key));
    }
    return settings;
  }

  /** The settings a service of the given side needs, under the services' own key names. */
  Map<String, String> serviceSettings(EndpointKeys side) {
    Map<String, String> settings = new HashMap<>();
    for (ConfigKey<String> key : side.stringKeys()) {
      settings.put(key.name(), config.get(key));
    }
    return settings;
  }

  private MilvusEndpoint endpoint(EndpointKeys side, String option) {
    if (config.get(side.uri()).isBlank()) {
      throw CliFailure.badInput("Missing the " + side.role() + " address: give " + option + " URI or set "
          + side.uri().envName() + ".");
    }
    String uri = config.get(side.uri());
    if (isFile(uri.strip())) {
      throw CliFailure.badInput(option + " " + uri + " is a file, not a server: serve a Milvus Lite database file"
          + " with the milvus-lite that made it, e.g. LD_LIBRARY_PATH=$LIB $LIB/milvus " + uri
          + " 127.0.0.1:19530 INFO (LIB: the milvus_lite/lib directory of that install; see the README), and give "
          + option + " http://127.0.0.1:19530.");
    }
    try {
      return side.endpoint(config);
    } catch (IllegalArgumentException e) {
      throw CliFailure.badInput(e.getMessage());
    }
  }

  /** Milvus Lite users hold their data in a database file and may give its path as the address. */
  private static boolean isFile(String address) {
    try {
      return Files.isRegularFile(Path.of(address));
    } catch (InvalidPathException e) {
      return false;
    }
  }
}
