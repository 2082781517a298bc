package dev.milvusmigrate.capture;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.milvusmigrate.core.domain.JobFailure;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;

/**
 * The few calls of Pulsar's admin REST API capture makes: the topics of the namespace, the
 * subscriptions of a topic, deleting capture's subscription. Sends the token as a bearer token and
 * trusts the configured CA certificates over https; its errors name the URL, never the token. A
 * certificate it does not trust fails the job with one sentence naming {@code
 * capture.wal.pulsar.tls-trust-certs}.
 */
final class PulsarAdminApi {

  static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<List<String>> NAMES = new TypeReference<>() {};
  private static final Pattern HTML_HEADING = Pattern.compile("<title>(.*?)</title>|<h2>(.*?)</h2>",
      Pattern.DOTALL | Pattern.CASE_INSENSITIVE);
  private static final String NAMESPACE_TOPICS = "/admin/v2/persistent/%s/%s";

  private final PulsarSettings settings;
  private final HttpClient http;

  PulsarAdminApi(PulsarSettings settings) {
    this.settings = settings;
    HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(TIMEOUT);
    settings.trustCertsFile().ifPresent(file -> builder.sslContext(trusting(Path.of(file))));
    this.http = builder.build();
  }

  /** Every persistent topic of the tenant and namespace. */
  List<String> topics() {
    return names(get(NAMESPACE_TOPICS.formatted(settings.tenant(), settings.namespace())));
  }

  /**
   * The admin API's answer, whatever its status, to listing the persistent topics of the tenant and
   * namespace; {@link PulsarUnavailable} when none came.
   */
  HttpResponse<String> askTopics() {
    return send(request(NAMESPACE_TOPICS.formatted(settings.tenant(), settings.namespace())).GET().build());
  }

  static List<String> topicNames(String json) {
    return names(json);
  }

  /** The subscriptions of a topic given by its full name. */
  List<String> subscriptions(String topic) {
    return names(get(topicPath(topic) + "/subscriptions"));
  }

  /** Deletes a subscription, disconnecting its consumers; nothing when the topic or subscription is gone. */
  void deleteSubscription(String topic, String subscription) {
    String path = topicPath(topic) + "/subscription/" + URLEncoder.encode(subscription, StandardCharsets.UTF_8)
        + "?force=true";
    HttpResponse<String> response = send(request(path).DELETE().build());
    if (response.statusCode() != 204 && response.statusCode() != 200 && response.statusCode() != 404) {
      throw failure("DELETE", path, response);
    }
  }

  private String topicPath(String topic) {
    return "/admin/v2/" + topic.replace("://", "/");
  }

  private String get(String path) {
    HttpResponse<String> response = send(request(path).GET().build());
    if (response.statusCode() != 200) {
      throw failure("GET", path, response);
    }
    return response.body();
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(settings.adminUrl() + path)).timeout(TIMEOUT);
    settings.token().ifPresent(token -> request.header("Authorization", "Bearer " + token));
    return request;
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      handshakeFailure(e).ifPresent(refused -> {
        throw untrusted(refused);
      });
      throw new PulsarUnavailable("The source's Pulsar admin API at " + settings.adminUrl() + " did not answer ("
          + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PulsarUnavailable("Interrupted while asking the source's Pulsar admin API", e);
    }
  }

  private static Optional<SSLHandshakeException> handshakeFailure(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof SSLHandshakeException handshake) {
        return Optional.of(handshake);
      }
    }
    return Optional.empty();
  }

  /** The server's certificate is not trusted (or not for its host): retrying cannot help, the job fails. */
  private JobFailure untrusted(SSLHandshakeException e) {
    return new JobFailure("The source's Pulsar admin API at " + settings.adminUrl() + " presented a certificate"
        + " capture does not trust (" + brief(e.getMessage()) + "): set " + CaptureConfig.WAL_PULSAR_TRUST_CERTS.name()
        + " (" + CaptureConfig.WAL_PULSAR_TRUST_CERTS.envName() + ") to a PEM file of the CA certificates that"
        + " signed it.", null, null, e);
  }

  /** A refused request fails the job (retrying cannot help); any other answer makes capture retry. */
  private RuntimeException failure(String method, String path, HttpResponse<String> response) {
    String body = brief(response.body());
    String answer = "The source's Pulsar admin API answered " + response.statusCode() + " to " + method + " "
        + settings.adminUrl() + path + (body.isEmpty() ? "" : ": " + body);
    if (response.statusCode() == 401 || response.statusCode() == 403) {
      return new JobFailure(answer + "; check capture.wal.pulsar.token and that its role may read "
          + settings.tenant() + "/" + settings.namespace() + " and manage its subscriptions.", null, null);
    }
    return new PulsarUnavailable(answer, null);
  }

  /**
   * An error answer's body on one line: the {@code reason} of Pulsar's JSON errors, the title (or first heading) of
   * an HTML error page (its web server's, e.g. on a 401), else the text; at most 200 characters.
   */
  static String brief(String body) {
    String text = body == null ? "" : body.strip();
    if (text.startsWith("{")) {
      try {
        JsonNode reason = JSON.readTree(text).get("reason");
        text = reason != null && reason.isTextual() ? reason.asText() : text;
      } catch (IOException e) {
        // not JSON after all: the text as it is
      }
    } else if (text.startsWith("<")) {
      Matcher heading = HTML_HEADING.matcher(text);
      text = heading.find() ? (heading.group(1) != null ? heading.group(1) : heading.group(2)) : "";
    }
    text = text.replaceAll("\\s+", " ").strip();
    return text.length() > 200 ? text.substring(0, 200) + "..." : text;
  }

  private static List<String> names(String json) {
    try {
      return JSON.readValue(json, NAMES);
    } catch (IOException e) {
      throw new PulsarUnavailable("The source's Pulsar admin API answered something other than a list of names", e);
    }
  }

  /** A TLS context trusting the certificates of a PEM file. */
  static SSLContext trusting(Path pem) {
    try (InputStream in = Files.newInputStream(pem)) {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int index = 0;
      for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        store.setCertificateEntry("ca-" + index++, certificate);
      }
      TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(store);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
      return context;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException("Could not read the trusted certificates of the source's Pulsar from " + pem
          + ": " + e.getMessage(), e);
    }
  }
}
