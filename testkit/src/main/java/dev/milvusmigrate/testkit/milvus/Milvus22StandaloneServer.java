package dev.milvusmigrate.testkit.milvus;

import dev.milvusmigrate.testkit.process.ChildProcess;
import dev.milvusmigrate.testkit.process.Endpoints;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Milvus 2.2.16 standalone ({@link Milvus22Environment}) as a child process, started like
 * {@link MilvusStandaloneServer}. It reports version {@code v2.2.16-lite}; it has no Upsert RPC
 * (UNIMPLEMENTED), no {@code count(*)}, one vector field per collection, no ARRAY, and its
 * collections have one shard: one DML channel {@code <prefix>-rootcoord-dml_0} in use.
 */
public final class Milvus22StandaloneServer implements MilvusServer, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Milvus22StandaloneServer.class);
  private static final String HOST = "127.0.0.1";
  private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
  /** SIGTERM takes over 30 s once collections are loaded; the instance's data is throwaway. */
  private static final Duration STOP_GRACE = Duration.ofSeconds(5);

  private final Path directory;
  private final StandalonePorts ports;
  private final StandaloneOptions options;
  private final ChildProcess process;

  private Milvus22StandaloneServer(Path directory, StandalonePorts ports, StandaloneOptions options,
      ChildProcess process) {
    this.directory = directory;
    this.ports = ports;
    this.options = options;
    this.process = process;
  }

  /** Starts a new instance with an empty data directory and waits until its proxy serves requests. */
  public static Milvus22StandaloneServer start(Milvus22Environment environment, StandaloneOptions options) {
    if (options.tls().isPresent()) {
      throw new IllegalArgumentException("The test kit runs Milvus " + Milvus22Environment.VERSION + " without TLS;"
          + " use MilvusStandaloneServer (2.3.5) for a TLS server.");
    }
    long started = System.nanoTime();
    Path distribution = environment.distribution();
    Path directory = InstanceDirectory.create("milvus-" + Milvus22Environment.VERSION);
    StandalonePorts ports = StandalonePorts.allocate();
    Path configs = Milvus22Config.write(distribution, directory, ports, options);
    Map<String, String> env = Map.of(
        "MILVUSCONF", configs.toString(),
        "DEPLOY_MODE", "STANDALONE",
        "METRICS_PORT", Integer.toString(ports.metrics()),
        "LD_LIBRARY_PATH", distribution.toString());
    ChildProcess process = ChildProcess.start("milvus-" + Milvus22Environment.VERSION,
        List.of(distribution.resolve("milvus").toString(), "run", "standalone", "--alias", "mm" + ports.proxy()),
        env, directory, STOP_GRACE);
    Readiness.awaitServing("Milvus standalone " + Milvus22Environment.VERSION, process, START_TIMEOUT,
        () -> healthy(ports) && Endpoints.acceptsConnections(HOST, ports.proxy()));
    Milvus22StandaloneServer server = new Milvus22StandaloneServer(directory, ports, options, process);
    LOG.info("Milvus standalone {} ready at {} in {} ms, message queue {} (logs: {})", Milvus22Environment.VERSION,
        server.uri(), (System.nanoTime() - started) / 1_000_000, options.kafkaBootstrapServers().orElse("rocksmq"),
        directory.resolve("logs"));
    return server;
  }

  /** 2.2 has no REST API; its health endpoint reports every component. */
  private static boolean healthy(StandalonePorts ports) {
    String health = Endpoints.httpGetOk("http://" + HOST + ":" + ports.metrics() + "/healthz");
    return health != null && health.contains("OK");
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
    return Milvus22Environment.VERSION;
  }

  @Override
  public Path directory() {
    return directory;
  }

  /** {@code common.chanNamePrefix.cluster}, e.g. {@code by-dev}. */
  public String clusterPrefix() {
    return options.clusterPrefix();
  }

  /** The single DML topic its collections write to, e.g. {@code by-dev-rootcoord-dml_0}. */
  public String dmlTopic() {
    return clusterPrefix() + "-rootcoord-dml_0";
  }

  /** The Kafka the server writes its WAL to, or empty when it runs on rocksmq. */
  public Optional<String> kafkaBootstrapServers() {
    return options.kafkaBootstrapServers();
  }

  @Override
  public void close() {
    process.close();
  }
}
