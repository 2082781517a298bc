package dev.milvusmigrate.lag;

import dev.milvusmigrate.schemas.avro.Notification;
import dev.milvusmigrate.schemas.serde.JsonSerializer;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSTs one notification to the webhook as JSON (Notification.schema.json), with the notification id as {@code
 * Idempotency-Key} so the receiver can recognise a redelivery. A 2xx answer delivers it; 5xx,
 * 429, timeouts and connection errors are retried with a doubling backoff up to the configured
 * attempts; any other answer (4xx, or a redirect, which is not followed) is final. Each retry and
 * the outcome are logged in one line, with the URL redacted.
 */
final class WebhookDelivery {

  private static final Logger log = LoggerFactory.getLogger(WebhookDelivery.class);
  /** The body is the record as the notifications topic carries it. */
  private static final JsonSerializer<Notification> BODY = new JsonSerializer<>(Notification.class);

  /** How a delivery ended. */
  enum Result { DELIVERED, REJECTED, GAVE_UP }

  /** How a delivery ended, after how many POSTs. */
  record Outcome(Result result, int attempts) {}

  private final WebhookSettings settings;
  private final HttpClient client;

  WebhookDelivery(WebhookSettings settings) {
    this.settings = settings;
    // HTTP/1.1 only: no cleartext HTTP/2 upgrade header, which some receivers refuse on a POST.
    this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(settings.timeout()).build();
  }

  WebhookEndpoint endpoint() {
    return settings.endpoint();
  }

  /** Posts until delivered, rejected or out of attempts; an interrupt (closing) ends it undelivered. */
  Outcome deliver(Notification notification) throws InterruptedException {
    HttpRequest request = request(notification);
    int attempt = 1;
    Attempt result = post(request);
    while (result.retryable() && attempt < settings.maxAttempts()) {
      long wait = settings.backoffAfter(attempt).toMillis();
      log.warn("Webhook {} did not take notification {} ({}, attempt {} of {}); retrying in {} ms.",
          endpoint(), notification.getId(), result, attempt, settings.maxAttempts(), wait);
      Thread.sleep(wait);
      attempt++;
      result = post(request);
    }
    return outcome(notification, result, attempt);
  }

  private Outcome outcome(Notification notification, Attempt result, int attempts) {
    if (result.delivered()) {
      log.info("Notification {} ({}) of job {} was delivered to webhook {}.", notification.getId(),
          notification.getKind(), notification.getJobId(), endpoint());
      return new Outcome(Result.DELIVERED, attempts);
    }
    if (result.retryable()) {
      log.error("Gave up delivering notification {} ({}) of job {} to webhook {} after {} attempts ({}).",
          notification.getId(), notification.getKind(), notification.getJobId(), endpoint(), attempts, result);
      return new Outcome(Result.GAVE_UP, attempts);
    }
    log.error("Webhook {} rejected notification {} ({}) of job {} with {}; it is not retried.", endpoint(),
        notification.getId(), notification.getKind(), notification.getJobId(), result);
    return new Outcome(Result.REJECTED, attempts);
  }

  private Attempt post(HttpRequest request) throws InterruptedException {
    try {
      return new Attempt(client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode(), null);
    } catch (IOException e) {
      return new Attempt(Attempt.NO_ANSWER, e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : ": " + e.getMessage()));
    }
  }

  private HttpRequest request(Notification notification) {
    HttpRequest.Builder request = HttpRequest.newBuilder(endpoint().requestUri())
        .timeout(settings.timeout())
        .header("Content-Type", "application/json")
        .header("Idempotency-Key", notification.getId())
        .POST(HttpRequest.BodyPublishers.ofByteArray(BODY.serialize(null, notification)));
    endpoint().basicAuthorization().ifPresent(authorization -> request.header("Authorization", authorization));
    return request.build();
  }

  /** The answer to one POST: an HTTP status, or why there was none (timeout, connection error). */
  private record Attempt(int status, String failure) {

    static final int NO_ANSWER = -1;

    boolean delivered() {
      return status >= 200 && status < 300;
    }

    boolean retryable() {
      return status == NO_ANSWER || status == 429 || status >= 500;
    }

    @Override
    public String toString() {
      return status == NO_ANSWER ? failure : "HTTP " + status;
    }
  }
}
