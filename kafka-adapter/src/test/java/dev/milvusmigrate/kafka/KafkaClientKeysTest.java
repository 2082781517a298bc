package dev.milvusmigrate.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.milvusmigrate.core.config.Config;
import dev.milvusmigrate.core.config.ConfigException;
import dev.milvusmigrate.core.config.ConfigLoader;
import dev.milvusmigrate.core.config.ConfigSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaClientKeysTest {

  private static final String JAAS = "org.apache.kafka.common.security.scram.ScramLoginModule required"
      + " username=\"sink\" password=\"s3cret-Jaas\";";

  private static Config load(KafkaClientKeys keys, Map<String, String> env) {
    return new ConfigLoader(new ConfigSpec("test", keys.keys())).load(Map.of(), env, Map.of());
  }

  @Test
  void unsetKeysLeaveKafkasDefaultsExceptProtocolAndHostNameCheck() {
    assertThat(KafkaClientKeys.PIPELINE.clientSettings(load(KafkaClientKeys.PIPELINE, Map.of())))
        .isEqualTo(Map.of("security.protocol", "PLAINTEXT", "ssl.endpoint.identification.algorithm", "https"));
  }

  @Test
  void settingsComeFromTheEnvironmentUnderTheirKafkaNames() {
    Config config = load(KafkaClientKeys.PIPELINE, Map.of("MILVUS_MIGRATE_KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
        "MILVUS_MIGRATE_KAFKA_SASL_MECHANISM", "SCRAM-SHA-512", "MILVUS_MIGRATE_KAFKA_SASL_JAAS_CONFIG", JAAS,
        "MILVUS_MIGRATE_KAFKA_SSL_TRUSTSTORE_LOCATION", "/etc/kafka/ca.p12",
        "MILVUS_MIGRATE_KAFKA_SSL_ENDPOINT_IDENTIFICATION_ALGORITHM", ""));

    assertThat(KafkaClientKeys.PIPELINE.clientSettings(config)).containsEntry("security.protocol", "SASL_SSL")
        .containsEntry("sasl.mechanism", "SCRAM-SHA-512").containsEntry("sasl.jaas.config", JAAS)
        .containsEntry("ssl.truststore.location", "/etc/kafka/ca.p12")
        .containsEntry("ssl.endpoint.identification.algorithm", "");
  }

  @Test
  void theSourceLogsKeysAreSeparate() {
    Config config = load(KafkaClientKeys.SOURCE_LOG, Map.of("MILVUS_MIGRATE_CAPTURE_WAL_SECURITY_PROTOCOL", "SSL"));

    assertThat(KafkaClientKeys.SOURCE_LOG.clientSettings(config)).containsEntry("security.protocol", "SSL");
  }

  @Test
  void secretsAreMaskedInTheDescription() {
    Config config = load(KafkaClientKeys.PIPELINE, Map.of("MILVUS_MIGRATE_KAFKA_SASL_JAAS_CONFIG", JAAS,
        "MILVUS_MIGRATE_KAFKA_SSL_TRUSTSTORE_PASSWORD", "trust-Pa55", "MILVUS_MIGRATE_KAFKA_SSL_KEYSTORE_PASSWORD",
        "key-Pa55", "MILVUS_MIGRATE_KAFKA_SSL_KEY_PASSWORD", "pk-Pa55"));

    assertThat(config.describe()).doesNotContain("s3cret-Jaas", "trust-Pa55", "key-Pa55", "pk-Pa55")
        .contains("kafka.sasl.jaas.config=****");
  }

  @Test
  void thePropertiesFilePassesOtherSettingsOnAndDeclaredKeysWin(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("client.properties");
    Files.writeString(file, "security.protocol=SSL\nsasl.mechanism=PLAIN\nsocket.connection.setup.timeout.ms=7000\n");
    Config config = load(KafkaClientKeys.PIPELINE, Map.of("MILVUS_MIGRATE_KAFKA_CLIENT_PROPERTIES", file.toString(),
        "MILVUS_MIGRATE_KAFKA_SASL_MECHANISM", "SCRAM-SHA-256"));

    assertThat(KafkaClientKeys.PIPELINE.clientSettings(config)).containsEntry("security.protocol", "SSL")
        .containsEntry("sasl.mechanism", "SCRAM-SHA-256").containsEntry("socket.connection.setup.timeout.ms", "7000");
  }

  @Test
  void thePropertiesFileMayNotChangeWhatThePipelineChooses(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("client.properties");
    Files.writeString(file, "enable.idempotence=false\n");
    Config config = load(KafkaClientKeys.PIPELINE, Map.of("MILVUS_MIGRATE_KAFKA_CLIENT_PROPERTIES", file.toString()));

    assertThatThrownBy(() -> KafkaClientKeys.PIPELINE.clientSettings(config)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("'enable.idempotence'");
  }

  @Test
  void anUnknownProtocolIsRejectedWithTheChoices() {
    assertThatThrownBy(() -> load(KafkaClientKeys.PIPELINE, Map.of("MILVUS_MIGRATE_KAFKA_SECURITY_PROTOCOL", "TLS")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("SASL_SSL");
  }

  @Test
  void refusalsNameTheConnectionAndTheSettingToFix() {
    assertThat(KafkaRefusal.of(KafkaClientKeys.PIPELINE, "k:9093", new RuntimeException(
        new SaslAuthenticationException("invalid credentials")))).hasValueSatisfying(sentence -> assertThat(sentence)
        .contains("k:9093", "the pipeline's Kafka", "kafka.sasl.jaas.config"));
    assertThat(KafkaRefusal.of(KafkaClientKeys.SOURCE_LOG, "k:9093", new SslAuthenticationException("handshake")))
        .hasValueSatisfying(sentence -> assertThat(sentence).contains("Kafka at k:9093 (the source's log Kafka) failed",
            "capture.wal.ssl.truststore"));
    assertThat(KafkaRefusal.of(KafkaClientKeys.PIPELINE, "k:9093", new TimeoutException("no answer")))
        .hasValueSatisfying(sentence -> assertThat(sentence).contains("kafka.security.protocol"));
    assertThat(KafkaRefusal.of(KafkaClientKeys.PIPELINE, "k:9093", new TopicAuthorizationException("denied")))
        .hasValueSatisfying(sentence -> assertThat(sentence).contains("ACL"));
    assertThat(KafkaRefusal.of(KafkaClientKeys.PIPELINE, "k:9093", new IllegalStateException("other"))).isEmpty();
  }
}
