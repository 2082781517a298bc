package dev.milvusmigrate.lag;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class WebhookEndpointTest {

  private final WebhookEndpoint withSecrets =
      WebhookEndpoint.parse("lag.webhook.url", "HTTPS://alice:s3cret@hooks.example.com:8443/milvus/notify?token=t0k");

  @Test
  void logsShowOnlySchemeHostPortAndPath() {
    assertThat(withSecrets.redacted()).isEqualTo("https://hooks.example.com:8443/milvus/notify");
    assertThat(withSecrets.toString()).isEqualTo(withSecrets.redacted());
  }

  @Test
  void theRequestKeepsTheQueryButNotTheCredentials() {
    assertThat(withSecrets.requestUri()).isEqualTo(URI.create("https://hooks.example.com:8443/milvus/notify?token=t0k"));
    assertThat(withSecrets.basicAuthorization()).contains("Basic YWxpY2U6czNjcmV0");
  }

  @Test
  void aUrlWithoutPortOrCredentials() {
    WebhookEndpoint plain = WebhookEndpoint.parse("lag.webhook.url", "http://hooks.internal");

    assertThat(plain.redacted()).isEqualTo("http://hooks.internal:80");
    assertThat(plain.requestUri()).isEqualTo(URI.create("http://hooks.internal"));
    assertThat(plain.basicAuthorization()).isEmpty();
  }
}
