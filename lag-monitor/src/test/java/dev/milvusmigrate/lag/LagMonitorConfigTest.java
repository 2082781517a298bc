package dev.milvusmigrate.lag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.milvusmigrate.core.config.ConfigException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LagMonitorConfigTest {

  @Test
  void theWebhookIsOffByDefault() {
    assertThat(config(Map.of()).webhook()).isEmpty();
  }

  @Test
  void readsTheWebhookSettings() {
    WebhookSettings webhook = config(Map.of("lag.webhook.url", "https://hooks.example.com/milvus",
        "lag.webhook.max-attempts", "3", "lag.webhook.initial-backoff", "1s", "lag.webhook.timeout", "4s"))
        .webhook().orElseThrow();

    assertThat(webhook.endpoint().redacted()).isEqualTo("https://hooks.example.com:443/milvus");
    assertThat(webhook.maxAttempts()).isEqualTo(3);
    assertThat(webhook.initialBackoff()).isEqualTo(Duration.ofSeconds(1));
    assertThat(webhook.timeout()).isEqualTo(Duration.ofSeconds(4));
  }

  @Test
  void theWebhookDefaults() {
    WebhookSettings webhook = config(Map.of("lag.webhook.url", "http://hooks.internal/milvus")).webhook().orElseThrow();

    assertThat(webhook.maxAttempts()).isEqualTo(5);
    assertThat(webhook.initialBackoff()).isEqualTo(Duration.ofMillis(500));
    assertThat(webhook.timeout()).isEqualTo(Duration.ofSeconds(10));
  }

  @ParameterizedTest
  @ValueSource(strings = {"ftp://hooks.example.com/milvus", "hooks.example.com/milvus", "http://hooks example.com/",
      "https://alice:s3cret@/milvus", "not a url"})
  void aWebhookUrlThatIsNotHttpIsOneSentenceWithoutTheUrl(String url) {
    assertThatThrownBy(() -> config(Map.of("lag.webhook.url", url)))
        .isInstanceOf(ConfigException.class)
        .hasMessage("Setting 'lag.webhook.url' is not an http(s) URL: give it as https://host[:port]/path,"
            + " or leave it empty to turn the webhook off.");
  }

  @Test
  void aZeroWebhookTimeoutIsRejected() {
    assertThatThrownBy(() -> config(Map.of("lag.webhook.url", "http://hooks.internal/", "lag.webhook.timeout", "0s")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("Setting 'lag.webhook.timeout' must be longer than 0, e.g. 10s.");
  }

  @Test
  void theStartUpLineDoesNotShowTheWebhookUrl() {
    String line = config(Map.of("lag.webhook.url", "https://alice:s3cret@hooks.example.com/m?token=t0k")).describe();

    assertThat(line).contains("lag.webhook.url=****").doesNotContain("s3cret").doesNotContain("t0k");
  }

  @Test
  void theWebhookGroupIsTheApplicationIdWithASuffix() {
    assertThat(config(Map.of("kafka.topic-prefix", "acme")).webhookGroupId()).isEqualTo("acme-lag-monitor-webhook");
  }

  private static LagMonitorConfig config(Map<String, String> settings) {
    Map<String, String> overrides = new HashMap<>(settings);
    overrides.put("kafka.bootstrap", "localhost:9092");
    return LagMonitorConfig.of(Map.of(), Map.of(), overrides);
  }
}
