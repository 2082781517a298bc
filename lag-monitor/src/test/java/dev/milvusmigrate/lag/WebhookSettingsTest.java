package dev.milvusmigrate.lag;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WebhookSettingsTest {

  @Test
  void theBackoffDoublesUpToThirtySeconds() {
    WebhookSettings settings = new WebhookSettings(WebhookEndpoint.parse("lag.webhook.url", "http://hooks.internal/"),
        5, Duration.ofMillis(500), Duration.ofSeconds(10));

    assertThat(settings.backoffAfter(1)).isEqualTo(Duration.ofMillis(500));
    assertThat(settings.backoffAfter(2)).isEqualTo(Duration.ofSeconds(1));
    assertThat(settings.backoffAfter(4)).isEqualTo(Duration.ofSeconds(4));
    assertThat(settings.backoffAfter(7)).isEqualTo(Duration.ofSeconds(30));
    assertThat(settings.backoffAfter(60)).isEqualTo(Duration.ofSeconds(30));
  }
}
