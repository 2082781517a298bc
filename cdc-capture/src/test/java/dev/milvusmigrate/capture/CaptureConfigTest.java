package dev.milvusmigrate.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which Kafka connection capture reads the source's log with. */
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
}
