package dev.milvusmigrate.cli;

import dev.milvusmigrate.kafka.KafkaClientKeys;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Where Kafka is, how to connect to it (security), the topic prefix and the {@code --config} file,
 * shared by every command. Passwords and the JAAS configuration are better given in the
 * environment or the config file than on a command line that other users can see.
 */
final class KafkaOptions {

  @Option(names = "--kafka", paramLabel = "BOOTSTRAP",
      description = "Kafka bootstrap servers (env MILVUS_MIGRATE_KAFKA_BOOTSTRAP).")
  String kafka;

  @Option(names = "--topic-prefix", paramLabel = "PREFIX",
      description = "Prefix of every topic of the installation (default milvus-migrate).")
  String topicPrefix;

  @Option(names = "--kafka-security-protocol", paramLabel = "PROTOCOL",
      description = "PLAINTEXT (default), SSL, SASL_PLAINTEXT or SASL_SSL"
          + " (env MILVUS_MIGRATE_KAFKA_SECURITY_PROTOCOL).")
  String securityProtocol;

  @Option(names = "--kafka-sasl-mechanism", paramLabel = "MECHANISM",
      description = "SASL mechanism, e.g. SCRAM-SHA-512 or PLAIN (env MILVUS_MIGRATE_KAFKA_SASL_MECHANISM).")
  String saslMechanism;

  @Option(names = "--kafka-sasl-jaas-config", paramLabel = "JAAS", arity = "0..1", interactive = true,
      description = "SASL JAAS configuration with the user name and password; without a value it is asked for"
          + " (env MILVUS_MIGRATE_KAFKA_SASL_JAAS_CONFIG).")
  String saslJaasConfig;

  @Option(names = "--kafka-truststore", paramLabel = "FILE",
      description = "Trust store with the CA of the brokers' certificates"
          + " (env MILVUS_MIGRATE_KAFKA_SSL_TRUSTSTORE_LOCATION).")
  Path truststore;

  @Option(names = "--kafka-truststore-password", paramLabel = "PASSWORD", arity = "0..1", interactive = true,
      description = "Password of the trust store (env MILVUS_MIGRATE_KAFKA_SSL_TRUSTSTORE_PASSWORD).")
  String truststorePassword;

  @Option(names = "--kafka-keystore", paramLabel = "FILE",
      description = "Key store with the client certificate, for brokers that require one"
          + " (env MILVUS_MIGRATE_KAFKA_SSL_KEYSTORE_LOCATION).")
  Path keystore;

  @Option(names = "--kafka-keystore-password", paramLabel = "PASSWORD", arity = "0..1", interactive = true,
      description = "Password of the key store (env MILVUS_MIGRATE_KAFKA_SSL_KEYSTORE_PASSWORD).")
  String keystorePassword;

  @Option(names = "--kafka-client-properties", paramLabel = "FILE",
      description = "Properties file of further Kafka client settings, passed on as they are"
          + " (env MILVUS_MIGRATE_KAFKA_CLIENT_PROPERTIES).")
  Path clientProperties;

  @Option(names = "--config", paramLabel = "FILE",
      description = "Properties file with any of the settings (source.uri, source.token, source.user,"
          + " source.password, source.tls.ca-cert, the same for target, kafka.bootstrap, kafka.topic-prefix,"
          + " kafka.security.protocol, kafka.sasl.*, kafka.ssl.*, capture.wal.* for the source's log Kafka;"
          + " see docs/CONFIGURATION.md).")
  Path config;

  Map<String, String> overrides() {
    KafkaClientKeys keys = KafkaClientKeys.PIPELINE;
    Map<String, String> overrides = new HashMap<>();
    overrides.put(CliSettings.KAFKA.name(), kafka);
    overrides.put(CliSettings.TOPIC_PREFIX.name(), topicPrefix);
    overrides.put(keys.protocol().name(), securityProtocol);
    overrides.put(keys.saslMechanism().name(), saslMechanism);
    overrides.put(keys.saslJaasConfig().name(), saslJaasConfig);
    overrides.put(keys.truststore().name(), text(truststore));
    overrides.put(keys.truststorePassword().name(), truststorePassword);
    overrides.put(keys.keystore().name(), text(keystore));
    overrides.put(keys.keystorePassword().name(), keystorePassword);
    overrides.put(keys.clientProperties().name(), text(clientProperties));
    return overrides;
  }

  private static String text(Path file) {
    return file == null ? null : file.toString();
  }
}
