package dev.milvusmigrate.cli;

import dev.milvusmigrate.core.config.Config;
import dev.milvusmigrate.core.config.ConfigKey;
import dev.milvusmigrate.core.config.ConfigLoader;
import dev.milvusmigrate.core.config.ConfigSpec;
import dev.milvusmigrate.core.domain.MilvusEndpoint;
import dev.milvusmigrate.core.domain.TlsSettings;
import dev.milvusmigrate.core.domain.TopicNames;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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

  static final Side SOURCE = new Side("source");
  static final Side TARGET = new Side("target");

  static final ConfigSpec SPEC = new ConfigSpec("milvus-migrate", List.of(KAFKA, TOPIC_PREFIX, REPLICATION,
      SOURCE.uri, SOURCE.token, SOURCE.user, SOURCE.password, SOURCE.caCert,
      TARGET.uri, TARGET.token, TARGET.user, TARGET.password, TARGET.caCert));

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
    return new CliSettings(new ConfigLoader(SPEC).load(ConfigFiles.read(file), env, present));
  }

  /** The external Kafka, or empty when the command should run an embedded broker. */
  String kafka() {
    return config.get(KAFKA);
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

  /** The settings a service of the given side needs, under the services' own key names. */
  Map<String, String> serviceSettings(Side side) {
    Map<String, String> settings = new HashMap<>();
    for (ConfigKey<String> key : side.keys()) {
      settings.put(key.name(), config.get(key));
    }
    return settings;
  }

  private MilvusEndpoint endpoint(Side side, String option) {
    String uri = config.get(side.uri);
    if (uri.isBlank()) {
      throw CliFailure.badInput("Missing the " + side.name + " address: give " + option + " URI or set "
          + side.uri.envName() + ".");
    }
    MilvusEndpoint endpoint;
    try {
      endpoint = MilvusEndpoint.of(uri);
    } catch (IllegalArgumentException e) {
      throw CliFailure.badInput(e.getMessage());
    }
    endpoint = endpoint.withToken(config.get(side.token)).withUser(config.get(side.user), config.get(side.password));
    String ca = config.get(side.caCert);
    return ca.isBlank() ? endpoint : endpoint.withTls(TlsSettings.serverAuth(ca));
  }

  /** The connection keys of one side, named as the services name them ({@code source.token}, ...). */
  static final class Side {
    final String name;
    final ConfigKey<String> uri;
    final ConfigKey<String> token;
    final ConfigKey<String> user;
    final ConfigKey<String> password;
    final ConfigKey<String> caCert;

    private Side(String name) {
      this.name = name;
      this.uri = ConfigKey.string(name + ".uri", "", "The " + name + " Milvus address (https:// turns TLS on).");
      this.token = ConfigKey.string(name + ".token", "", "The " + name + " API key or token.").secret();
      this.user = ConfigKey.string(name + ".user", "", "The " + name + " user name.");
      this.password = ConfigKey.string(name + ".password", "", "The " + name + " password.").secret();
      this.caCert = ConfigKey.string(name + ".tls.ca-cert", "", "CA certificate file of the " + name + " server.");
    }

    List<ConfigKey<String>> keys() {
      return List.of(uri, token, user, password, caCert);
    }
  }
}
