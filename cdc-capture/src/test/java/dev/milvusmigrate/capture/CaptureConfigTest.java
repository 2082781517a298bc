package dev.milvusmigrate.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which Kafka or Pulsar connection capture reads the source's log with. */
class CaptureConfigTest {

  private static final Map<String, String> PIPELINE = Map.of("kafka.bootstrap", "pipeline:9093", "source.uri",
      "http://source:19530", "kafka.security.protocol", "SASL_SSL", "kafka.sasl.mechanism", "SCRAM-SHA-512");

  @Test
  void withoutItsOwnBootstrapTheLogIsReadFromThePipelinesKafkaWithItsSettings() {
    CaptureConfig config = CaptureConfig.of(Map.of(), Map.of(), PIPELINE);

    assertThat(config.walConnection()).containsEntry("bootstrap.servers", "pipeline:9093")
        .containsEntry("security.protocol", "SASL_SSL").containsEntry("sasl.mechanism", "SCRAM-SHA-512");
  }

  @Test
  void theSourcesOwnKafkaGetsTheCaptureWalSettingsOnly() {
    Map<String, String> settings = new HashMap<>(PIPELINE);
    settings.putAll(Map.of("capture.wal.bootstrap", "source-log:9094", "capture.wal.security.protocol", "SSL",
        "capture.wal.ssl.truststore.location", "/etc/source-ca.p12"));

    Map<String, Object> connection = CaptureConfig.of(Map.of(), Map.of(), settings).walConnection();

    assertThat(connection).containsEntry("bootstrap.servers", "source-log:9094")
        .containsEntry("security.protocol", "SSL").containsEntry("ssl.truststore.location", "/etc/source-ca.p12")
        .doesNotContainKey("sasl.mechanism");
  }

  @Test
  void aPulsarServiceUrlMakesTheSourcesPulsarTheLogWithItsNamespaceTokenAndTrust() {
    Map<String, String> settings = new HashMap<>(PIPELINE);
    settings.putAll(Map.of("capture.wal.pulsar.service-url", "pulsar+ssl://source-log:6651",
        "capture.wal.pulsar.namespace", "milvus", "capture.wal.pulsar.token", "s3cr3t-token",
        "capture.wal.pulsar.tls-trust-certs", "/etc/source-ca.pem"));

    PulsarSettings pulsar = CaptureConfig.of(Map.of(), Map.of(), settings).walPulsar().orElseThrow();

    assertThat(pulsar.adminUrl()).isEqualTo("https://source-log:8443");
    assertThat(pulsar.topic("by-dev-rootcoord-dml_3")).isEqualTo("persistent://public/milvus/by-dev-rootcoord-dml_3");
    assertThat(pulsar.token()).contains("s3cr3t-token");
    assertThat(pulsar.trustCertsFile()).contains("/etc/source-ca.pem");
    assertThat(pulsar.toString()).doesNotContain("s3cr3t-token").contains("****");
  }

  @Test
  void withoutAPulsarServiceUrlTheLogIsOnKafkaAndAnAdminUrlIsTakenAsGiven() {
    assertThat(CaptureConfig.of(Map.of(), Map.of(), PIPELINE).walPulsar()).isEmpty();
    assertThat(PulsarSettings.adminUrl("pulsar://a:6650,b:6650", "")).isEqualTo("http://a:8080");
    assertThat(PulsarSettings.adminUrl("pulsar://a:6650", "http://admin:80/")).isEqualTo("http://admin:80");
  }

  @Test
  void aServiceUrlThatIsNotPulsarsIsRefusedNamingTheKey() {
    Map<String, String> settings = new HashMap<>(PIPELINE);
    settings.put("capture.wal.pulsar.service-url", "http://source-log:8080");

    assertThatThrownBy(() -> CaptureConfig.of(Map.of(), Map.of(), settings))
        .hasMessageContaining("capture.wal.pulsar.service-url");
  }
}
