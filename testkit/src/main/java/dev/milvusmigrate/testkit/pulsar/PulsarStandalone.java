package dev.milvusmigrate.testkit.pulsar;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.milvusmigrate.testkit.milvus.InstanceDirectory;
import dev.milvusmigrate.testkit.milvus.Readiness;
import dev.milvusmigrate.testkit.process.ChildProcess;
import dev.milvusmigrate.testkit.process.Endpoints;
import dev.milvusmigrate.testkit.process.FreePorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Apache Pulsar standalone ({@value PulsarDistribution#VERSION}) as a child JVM: one broker and one
 * bookie, metadata in RocksDB (no ZooKeeper), no functions worker, stream storage, system topics or
 * transactions, listening on 127.0.0.1 only. About 10 s to start and 400 MB resident. Topics are
 * created on first use, as the Milvus Helm chart's Pulsar does, in {@code public/default}.
 */
public final class PulsarStandalone implements AutoCloseable {

  public static final String HOST = "127.0.0.1";
  public static final String NAMESPACE = "public/default";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Logger LOG = LoggerFactory.getLogger(PulsarStandalone.class);
  private static final Duration START_TIMEOUT = Duration.ofMinutes(2);
  private static final Duration STOP_GRACE = Duration.ofSeconds(15);
  private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

  private final PulsarDistribution distribution;
  private final Path directory;
  private final int brokerPort;
  private final int webPort;
  private final int bookiePort;
  private final int brokerTlsPort;
  private final int webTlsPort;
  private final Optional<PulsarTokens> tokens;
  private final Optional<PulsarTls> tls;
  private ChildProcess process;

  private PulsarStandalone(PulsarDistribution distribution, Path directory, int[] ports,
      Optional<PulsarTokens> tokens, Optional<PulsarTls> tls) {
    this.distribution = distribution;
    this.directory = directory;
    this.brokerPort = ports[0];
    this.webPort = ports[1];
    this.bookiePort = ports[2];
    this.brokerTlsPort = ports[3];
    this.webTlsPort = ports[4];
    this.tokens = tokens;
    this.tls = tls;
  }

  /** Starts a new instance with empty data and waits until its admin API lists {@value #NAMESPACE}. */
  public static PulsarStandalone start(PulsarDistribution distribution) {
    return start(distribution, Optional.empty(), Optional.empty());
  }

  /**
   * As {@link #start(PulsarDistribution)}, but every client (binary protocol and admin API) must
   * present a token signed with {@code tokens}' key; any valid token may do anything (no
   * authorization), {@link PulsarTokens#SUPER_USER}'s is the broker's own and this class's.
   */
  public static PulsarStandalone startWithTokens(PulsarDistribution distribution, PulsarTokens tokens) {
    return start(distribution, Optional.of(tokens), Optional.empty());
  }

  /**
   * As {@link #start(PulsarDistribution)}, plus TLS ports with {@code tls}' server certificate: the
   * binary protocol at {@link #serviceUrlTls()} and the admin API at {@link #adminUrlTls()}; the
   * plain ports stay open (the broker's own clients use them).
   */
  public static PulsarStandalone startWithTls(PulsarDistribution distribution, PulsarTls tls) {
    return start(distribution, Optional.empty(), Optional.of(tls));
  }

  private static PulsarStandalone start(PulsarDistribution distribution, Optional<PulsarTokens> tokens,
      Optional<PulsarTls> tls) {
    PulsarStandalone server = new PulsarStandalone(distribution, InstanceDirectory.create("pulsar-standalone"),
        FreePorts.allocate(5), tokens, tls);
    server.writeConfig();
    server.launch();
    return server;
  }

  private void writeConfig() {
    try {
      Files.writeString(directory.resolve("standalone.conf"), String.join("\n",
          "clusterName=standalone",
          "advertisedAddress=" + HOST,
          "bindAddress=" + HOST,
          "brokerServicePort=" + brokerPort,
          "webServicePort=" + webPort,
          "managedLedgerDefaultEnsembleSize=1",
          "managedLedgerDefaultWriteQuorum=1",
          "managedLedgerDefaultAckQuorum=1",
          "functionsWorkerEnabled=false",
          "systemTopicEnabled=false",
          "topicLevelPoliciesEnabled=false",
          "transactionCoordinatorEnabled=false",
          "allowAutoTopicCreation=true",
          "allowAutoTopicCreationType=non-partitioned",
          "brokerDeleteInactiveTopicsEnabled=false",
          // As Milvus asks of its Pulsar (the Helm chart keeps 7 days): a Milvus that restarts replays its
          // channels from its checkpoints, which acknowledged messages kept only by retention still hold.
          "defaultRetentionTimeInMinutes=10080",
          "defaultRetentionSizeInMB=-1",
          authenticationConfig(),
          tlsConfig()) + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException("Could not write the Pulsar config in " + directory, e);
    }
  }

  private String authenticationConfig() {
    return tokens.map(t -> String.join("\n",
        "authenticationEnabled=true",
        "authenticationProviders=org.apache.pulsar.broker.authentication.AuthenticationProviderToken",
        "tokenSecretKey=" + t.secretKeySetting(),
        "superUserRoles=" + PulsarTokens.SUPER_USER,
        "brokerClientAuthenticationPlugin=org.apache.pulsar.client.impl.auth.AuthenticationToken",
        "brokerClientAuthenticationParameters=token:" + t.token(PulsarTokens.SUPER_USER),
        "")).orElse("");
  }

  private String tlsConfig() {
    return tls.map(t -> String.join("\n",
        "brokerServicePortTls=" + brokerTlsPort,
        "webServicePortTls=" + webTlsPort,
        "tlsCertificateFilePath=" + t.serverCertificate(),
        "tlsKeyFilePath=" + t.serverKey(),
        "tlsTrustCertsFilePath=" + t.caCertificate(),
        "")).orElse("");
  }

  /** Stops the broker and starts it again on the same data and ports, {@code down} after it stopped. */
  public synchronized void restart(Duration down) throws InterruptedException {
    process.close();
    Thread.sleep(down.toMillis());
    launch();
  }

  private synchronized void launch() {
    long started = System.nanoTime();
    List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xms64m", "-Xmx384m", "-XX:MaxDirectMemorySize=256m", "-Dpulsar.log.level=warn",
        "-cp", distribution.classPath(), "org.apache.pulsar.PulsarStandaloneStarter",
        "-c", directory.resolve("standalone.conf").toString(), "-nss", "-nfw",
        "--bookkeeper-port", Integer.toString(bookiePort),
        "--metadata-dir", directory.resolve("metadata").toString(),
        "--bookkeeper-dir", directory.resolve("bookkeeper").toString());
    process = ChildProcess.start("pulsar-standalone", command, Map.of(), directory, STOP_GRACE);
    Readiness.awaitServing("Pulsar standalone " + PulsarDistribution.VERSION, process, START_TIMEOUT,
        () -> String.valueOf(adminGet("/admin/v2/namespaces/public")).contains(NAMESPACE));
    LOG.info("Pulsar standalone {} ready at {} (admin {}) in {} ms (logs: {})", PulsarDistribution.VERSION,
        serviceUrl(), adminUrl(), (System.nanoTime() - started) / 1_000_000, directory.resolve("logs"));
  }

  /** The body of a successful GET of the admin REST API, e.g. {@code /admin/v2/persistent/public/default}; null otherwise. */
  public String adminGet(String path) {
    return Endpoints.httpGetOk(adminUrl() + path, tokens.map(t -> t.token(PulsarTokens.SUPER_USER)).orElse(null));
  }

  /**
   * The topics of {@value #NAMESPACE} whose name starts with {@code topicPrefix} (after the
   * namespace) and that have the subscription, as the admin REST API lists them.
   */
  public List<String> topicsWithSubscription(String topicPrefix, String subscription) {
    return names("/admin/v2/persistent/" + NAMESPACE).stream()
        .filter(topic -> topic.startsWith("persistent://" + NAMESPACE + "/" + topicPrefix))
        .filter(topic -> names("/admin/v2/" + topic.replace("://", "/") + "/subscriptions").contains(subscription))
        .toList();
  }

  /** Deletes a subscription of a topic (its full name) through the admin REST API, as an operator or an expiry would. */
  public void deleteSubscription(String topic, String subscription) {
    String url = adminUrl() + "/admin/v2/" + topic.replace("://", "/") + "/subscription/"
        + URLEncoder.encode(subscription, StandardCharsets.UTF_8) + "?force=true";
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(ADMIN_TIMEOUT).DELETE();
    tokens.ifPresent(t -> request.header("Authorization", "Bearer " + t.token(PulsarTokens.SUPER_USER)));
    try {
      HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(),
          HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 204) {
        throw new IllegalStateException("Pulsar's admin API answered DELETE " + url + " with "
            + response.statusCode() + ": " + response.body());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Pulsar's admin API did not answer DELETE " + url, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while deleting " + subscription, e);
    }
  }

  private List<String> names(String path) {
    String body = adminGet(path);
    if (body == null) {
      throw new IllegalStateException("Pulsar's admin API did not answer GET " + path + " with 200");
    }
    try {
      return JSON.readValue(body, new TypeReference<List<String>>() {});
    } catch (IOException e) {
      throw new UncheckedIOException("Pulsar's admin API answered GET " + path + " with " + body, e);
    }
  }

  /** {@code pulsar://127.0.0.1:<broker port>}, the binary protocol's URL. */
  public String serviceUrl() {
    return "pulsar://" + HOST + ":" + brokerPort;
  }

  /** {@code http://127.0.0.1:<web port>}, the admin REST API's URL. */
  public String adminUrl() {
    return "http://" + HOST + ":" + webPort;
  }

  /** {@code pulsar+ssl://127.0.0.1:<broker TLS port>}; only when started {@link #startWithTls with TLS}. */
  public String serviceUrlTls() {
    requireTls();
    return "pulsar+ssl://" + HOST + ":" + brokerTlsPort;
  }

  /** {@code https://127.0.0.1:<web TLS port>}; only when started {@link #startWithTls with TLS}. */
  public String adminUrlTls() {
    requireTls();
    return "https://" + HOST + ":" + webTlsPort;
  }

  private void requireTls() {
    if (tls.isEmpty()) {
      throw new IllegalStateException("This Pulsar was started without TLS: use startWithTls");
    }
  }

  public int brokerPort() {
    return brokerPort;
  }

  public int webPort() {
    return webPort;
  }

  public Path directory() {
    return directory;
  }

  /** {@code kill -9} of the broker: what a crash leaves. */
  public synchronized void kill() {
    process.kill();
  }

  @Override
  public synchronized void close() {
    process.close();
  }
}
