package dev.milvusmigrate.testkit.milvus;

import dev.milvusmigrate.testkit.process.ChildProcess;
import dev.milvusmigrate.testkit.process.Endpoints;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Milvus 2.3.5 standalone (PyPI {@code milvus}: embedded etcd, local storage) as a child process.
 * The test JVM starts the {@code milvus} binary itself, with a config it rendered, so the Java
 * process handle is the server and no Python wrapper can outlive it.
 *
 * <p>Milvus 2.3 locks {@code /run/milvus/standalone.pid} (or {@code /tmp/milvus/...} for non-root
 * users), so only one standalone instance can run per machine at a time.
 */
public final class MilvusStandaloneServer implements MilvusServer, AutoCloseable {

  public static final String VERSION = "2.3.5";
  /** {@code rootCoord.dmlChannelNum} of the shipped template. */
  public static final int DML_CHANNEL_COUNT = 16;

  private static final Logger LOG = LoggerFactory.getLogger(MilvusStandaloneServer.class);
  private static final String HOST = "127.0.0.1";
  private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
  /**
   * Once collections are loaded, 2.3.5 usually hangs after SIGTERM (its components keep retrying
   * the stopped root coordinator, and {@code common.gracefulStopTimeout} does not cut it short);
   * the instance's data is throwaway, so it is killed soon after.
   */
  private static final Duration STOP_GRACE = Duration.ofSeconds(5);

  private final Path distribution;
  private final Path directory;
  private final StandalonePorts ports;
  private final StandaloneOptions options;
  private final Path configs;
  /** The readiness probe's client of a TLS port, null without TLS. */
  private final HttpClient tlsClient;
  private ChildProcess process;

  private MilvusStandaloneServer(Path distribution, Path directory, StandalonePorts ports, StandaloneOptions options) {
    this.distribution = distribution;
    this.directory = directory;
    this.ports = ports;
    this.options = options;
    this.configs = StandaloneConfig.write(distribution, directory, ports, options);
    this.tlsClient = options.tls().map(tls -> Endpoints.tlsClient(tls.certificates().clientContext())).orElse(null);
  }

  /** Starts a new instance with an empty data directory and waits until its proxy serves requests. */
  public static MilvusStandaloneServer start(PythonMilvusEnvironment environment, StandaloneOptions options) {
    MilvusStandaloneServer server = new MilvusStandaloneServer(environment.standaloneDistribution(),
        InstanceDirectory.create("milvus-standalone"), StandalonePorts.allocate(), options);
    server.launch();
    return server;
  }

  /**
   * Stops the server and starts it again on the same data directory and ports, {@code down} after
   * it stopped: what clients see of a restarted or briefly unavailable server.
   */
  public synchronized void restart(Duration down) throws InterruptedException {
    process.close();
    Thread.sleep(down.toMillis());
    launch();
  }

  /**
   * Starts the server again on its data directory if its process exited on its own, as a
   * supervisor (systemd, Kubernetes) would; a {@link #restart} under way finishes first.
   *
   * @return whether it was started again
   */
  public synchronized boolean relaunchIfExited() {
    if (process.isAlive()) {
      return false;
    }
    launch();
    return true;
  }

  private synchronized void launch() {
    long started = System.nanoTime();
    Map<String, String> env = Map.of(
        "MILVUSCONF", configs.toString(),
        "DEPLOY_MODE", "STANDALONE",
        "METRICS_PORT", Integer.toString(ports.metrics()),
        "LD_LIBRARY_PATH", distribution.toString());
    // A unique alias gives each instance its own pid file (/run/milvus/standalone-<alias>.pid),
    // so several standalone servers can run on one machine at once.
    String alias = "mm" + ports.proxy();
    process = ChildProcess.start("milvus-standalone",
        List.of(distribution.resolve("milvus").toString(), "run", "standalone", "--alias", alias), env, directory,
        STOP_GRACE);
    Readiness.awaitServing("Milvus standalone " + VERSION, process, START_TIMEOUT, this::servesRequests);
    LOG.info("Milvus standalone {} ready at {} in {} ms, message queue {} (logs: {})", VERSION, uri(),
        (System.nanoTime() - started) / 1_000_000, options.kafkaBootstrapServers()
            .or(() -> options.pulsar().map(p -> "pulsar://" + p.host() + ":" + p.brokerPort())).orElse("rocksmq"),
        directory.resolve("logs"));
  }

  /**
   * Health endpoint OK and a real request answered: list collections over the proxy's REST API,
   * or, on a TLS port (where 2.3.5 serves gRPC only), gRPC's ListDatabases with the test client
   * certificate, whose answer names the default database.
   */
  private boolean servesRequests() {
    String health = Endpoints.httpGetOk("http://" + HOST + ":" + ports.metrics() + "/healthz");
    if (health == null || !health.contains("OK")) {
      return false;
    }
    String login = "root:" + StandaloneOptions.ROOT_PASSWORD;
    if (tlsClient != null) {
      byte[] answer = Endpoints.grpcCallBody(tlsClient, uri() + "/milvus.proto.milvus.MilvusService/ListDatabases",
          options.authorization() ? Base64.getEncoder().encodeToString(login.getBytes(StandardCharsets.UTF_8)) : null);
      return answer != null && new String(answer, StandardCharsets.ISO_8859_1).contains("default");
    }
    String collections = Endpoints.httpGetOk(uri() + "/v1/vector/collections", options.authorization() ? login : null);
    return collections != null && collections.contains("\"code\":200");
  }

  /** {@code https://} when the port speaks only TLS. */
  @Override
  public String uri() {
    return (options.tls().isPresent() ? "https://" : "http://") + host() + ":" + port();
  }

  /** The server's TLS, if its port speaks only TLS. */
  public Optional<StandaloneTls> tls() {
    return options.tls();
  }

  @Override
  public String host() {
    return HOST;
  }

  @Override
  public int port() {
    return ports.proxy();
  }

  @Override
  public String version() {
    return VERSION;
  }

  @Override
  public Path directory() {
    return directory;
  }

  /** {@code common.chanNamePrefix.cluster}, e.g. {@code by-dev}. */
  public String clusterPrefix() {
    return options.clusterPrefix();
  }

  /** DML topics are this prefix plus the channel number 0..{@value #DML_CHANNEL_COUNT}-1, e.g. {@code by-dev-rootcoord-dml_}. */
  public String dmlTopicPrefix() {
    return options.clusterPrefix() + "-rootcoord-dml_";
  }

  /** The Kafka the server writes its WAL to, or empty when it runs on rocksmq. */
  public Optional<String> kafkaBootstrapServers() {
    return options.kafkaBootstrapServers();
  }

  public synchronized boolean isRunning() {
    return process.isAlive();
  }

  /** Whether the process runs and the last lines of its output, for failure logs. */
  public synchronized String describe(int lines) {
    return process.describe(lines);
  }

  @Override
  public synchronized void close() {
    process.close();
  }
}
