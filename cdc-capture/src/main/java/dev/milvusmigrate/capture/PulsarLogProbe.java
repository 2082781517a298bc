package dev.milvusmigrate.capture;

import dev.milvusmigrate.core.domain.JobFailure;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Asks the admin REST API of the Pulsar a source Milvus writes its log to which DML topics of the
 * source it holds, as capture will: the check {@code milvus-migrate zdm} makes before it creates
 * anything, so that a wrong URL, namespace, prefix or token is told at once. The token and trusted
 * certificates come from capture's settings in the environment ({@code capture.wal.pulsar.token},
 * {@code capture.wal.pulsar.tls-trust-certs}); the answers never hold the token.
 */
public final class PulsarLogProbe {

  /** What the admin API answered. */
  public sealed interface Answer permits Topics, Status, Unreachable, Untrusted {

    /** The admin API's URL that was asked. */
    String adminUrl();
  }

  /** It listed the namespace; {@code dml} are the source's DML topics among its topics (maybe none). */
  public record Topics(String adminUrl, List<String> dml) implements Answer {}

  /** It answered with {@code status}, not 200 (401 or 403: refused; 404: no such tenant or namespace). */
  public record Status(String adminUrl, int status) implements Answer {}

  /** No answer came: {@code why} says what failed, e.g. the connection. */
  public record Unreachable(String adminUrl, String why) implements Answer {}

  /** Its certificate is not trusted: {@code sentence} says so and names {@code capture.wal.pulsar.tls-trust-certs}. */
  public record Untrusted(String adminUrl, String sentence) implements Answer {}

  private PulsarLogProbe() {}

  /**
   * @param serviceUrl the broker's {@code pulsar://} or {@code pulsar+ssl://} URL
   * @param adminUrl the admin REST URL, or empty for the one derived from {@code serviceUrl}
   * @param env the environment, where {@code MILVUS_MIGRATE_CAPTURE_WAL_PULSAR_TOKEN} and
   *     {@code ..._TLS_TRUST_CERTS} are read
   */
  public static Answer ask(String serviceUrl, String adminUrl, String tenant, String namespace, String clusterPrefix,
      Map<String, String> env) {
    PulsarSettings settings = new PulsarSettings(serviceUrl, PulsarSettings.adminUrl(serviceUrl, adminUrl), tenant,
        namespace, nonBlank(env.get(CaptureConfig.WAL_PULSAR_TOKEN.envName())),
        nonBlank(env.get(CaptureConfig.WAL_PULSAR_TRUST_CERTS.envName())));
    try {
      HttpResponse<String> answer = new PulsarAdminApi(settings).askTopics();
      if (answer.statusCode() != 200) {
        return new Status(settings.adminUrl(), answer.statusCode());
      }
      Pattern dml = settings.dmlTopics(clusterPrefix);
      return new Topics(settings.adminUrl(), PulsarAdminApi.topicNames(answer.body()).stream()
          .filter(topic -> dml.matcher(topic).matches()).sorted().toList());
    } catch (JobFailure untrusted) {
      return new Untrusted(settings.adminUrl(), untrusted.getMessage());
    } catch (PulsarUnavailable e) {
      Throwable cause = e.getCause();
      return new Unreachable(settings.adminUrl(), cause == null ? e.getMessage()
          : cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
    }
  }

  private static Optional<String> nonBlank(String value) {
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
  }
}
