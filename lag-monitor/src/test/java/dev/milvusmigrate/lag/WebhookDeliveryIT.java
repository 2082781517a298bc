package dev.milvusmigrate.lag;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.milvusmigrate.lag.WebhookDelivery.Outcome;
import dev.milvusmigrate.lag.WebhookDelivery.Result;
import dev.milvusmigrate.schemas.avro.Notification;
import dev.milvusmigrate.schemas.avro.NotificationKind;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link WebhookDelivery} against a real local HTTP server. */
class WebhookDeliveryIT {

  private static final Notification LAG_BELOW = Notification.newBuilder().setId("job-a-lag-below-1700")
      .setJobId("job-a").setKind(NotificationKind.LAG_BELOW_THRESHOLD).setMessage("Job job-a: lag below 10 s")
      .setLagMs(1200L).setThresholdMs(10_000L).setAt(1_700_000_000_000L).build();

  private RecordingWebhookServer server;

  @BeforeEach
  void startServer() throws Exception {
    server = RecordingWebhookServer.start();
  }

  @AfterEach
  void closeServer() {
    server.close();
  }

  @Test
  void postsTheNotificationAsJsonWithItsIdAsIdempotencyKey() throws Exception {
    Outcome outcome = delivery(server.url("/hooks/milvus"), 5).deliver(LAG_BELOW);

    assertThat(outcome).isEqualTo(new Outcome(Result.DELIVERED, 1));
    RecordingWebhookServer.Received request = server.received().get(0);
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.pathAndQuery()).isEqualTo("/hooks/milvus");
    assertThat(request.contentType()).isEqualTo("application/json");
    assertThat(request.idempotencyKey()).isEqualTo("job-a-lag-below-1700");
    assertThat(request.authorization()).isNull();
    JsonNode body = new ObjectMapper().readTree(request.body());
    assertThat(body.get("id").asText()).isEqualTo("job-a-lag-below-1700");
    assertThat(body.get("job_id").asText()).isEqualTo("job-a");
    assertThat(body.get("kind").asText()).isEqualTo("LAG_BELOW_THRESHOLD");
    assertThat(body.get("message").asText()).isEqualTo("Job job-a: lag below 10 s");
    assertThat(body.get("lag_ms").asLong()).isEqualTo(1200L);
    assertThat(body.get("threshold_ms").asLong()).isEqualTo(10_000L);
    assertThat(body.get("at").asLong()).isEqualTo(1_700_000_000_000L);
  }

  @Test
  void lagFieldsOfANotificationWithoutLagAreNull() throws Exception {
    Notification failed = Notification.newBuilder(LAG_BELOW).setId("job-a-failed").setKind(NotificationKind.JOB_FAILED)
        .setLagMs(null).setThresholdMs(null).build();

    delivery(server.url("/"), 5).deliver(failed);

    JsonNode body = new ObjectMapper().readTree(server.received().get(0).body());
    assertThat(body.get("kind").asText()).isEqualTo("JOB_FAILED");
    assertThat(body.get("lag_ms").isNull()).isTrue();
    assertThat(body.get("threshold_ms").isNull()).isTrue();
  }

  @Test
  void credentialsOfTheUrlBecomeBasicAuthAndTheQueryIsKept() throws Exception {
    String url = server.url("/hooks?token=t0k").replace("http://", "http://alice:s3cret@");

    delivery(url, 5).deliver(LAG_BELOW);

    RecordingWebhookServer.Received request = server.received().get(0);
    assertThat(request.pathAndQuery()).isEqualTo("/hooks?token=t0k");
    assertThat(request.authorization())
        .isEqualTo("Basic " + Base64.getEncoder().encodeToString("alice:s3cret".getBytes()));
  }

  @ParameterizedTest(name = "HTTP {0} to the first {1} POSTs, {2} attempts: {3} after {4}")
  @CsvSource({
      "500, 2, 5, DELIVERED, 3",
      "429, 1, 5, DELIVERED, 2",
      "400, 5, 5, REJECTED, 1",
      "503, 10, 3, GAVE_UP, 3"})
  void onlyServerErrorsAndTooManyRequestsAreRetried(int status, int answers,
      int maxAttempts, Result result, int attempts) throws Exception {
    server.answerFirst(answers, status);

    assertThat(delivery(server.url("/"), maxAttempts).deliver(LAG_BELOW)).isEqualTo(new Outcome(result, attempts));
    assertThat(server.received()).hasSize(attempts)
        .allSatisfy(request -> assertThat(request.idempotencyKey()).isEqualTo("job-a-lag-below-1700"));
  }

  @Test
  void aTimedOutPostIsRetried() throws Exception {
    server.holdFirst(1);
    WebhookDelivery delivery = new WebhookDelivery(settings(server.url("/"), 5, "2s"));

    assertThat(delivery.deliver(LAG_BELOW)).isEqualTo(new Outcome(Result.DELIVERED, 2));
    assertThat(server.received()).hasSize(2);
  }

  @Test
  void aRefusedConnectionIsRetriedThenGivenUp() throws Exception {
    String url = server.url("/");
    server.stop();

    assertThat(delivery(url, 3).deliver(LAG_BELOW)).isEqualTo(new Outcome(Result.GAVE_UP, 3));
  }

  private static WebhookDelivery delivery(String url, int maxAttempts) {
    return new WebhookDelivery(settings(url, maxAttempts, "5s"));
  }

  private static WebhookSettings settings(String url, int maxAttempts, String timeout) {
    return LagMonitorConfig.of(Map.of(), Map.of(), Map.of("kafka.bootstrap", "localhost:9092",
        "lag.webhook.url", url, "lag.webhook.max-attempts", Integer.toString(maxAttempts),
        "lag.webhook.initial-backoff", "5ms", "lag.webhook.timeout", timeout)).webhook().orElseThrow();
  }
}
