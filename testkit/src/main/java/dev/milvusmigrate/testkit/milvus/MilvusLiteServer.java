package dev.milvusmigrate.testkit.milvus;

import dev.milvusmigrate.testkit.process.ChildProcess;
import dev.milvusmigrate.testkit.process.Endpoints;
import dev.milvusmigrate.testkit.process.FreePorts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Milvus Lite (PyPI {@code milvus-lite}, a pure Python gRPC server) as a child process. */
public final class MilvusLiteServer implements MilvusServer, AutoCloseable {

  public static final String VERSION = "lite-3.2.2";
  private static final Logger LOG = LoggerFactory.getLogger(MilvusLiteServer.class);
  private static final String HOST = "127.0.0.1";
  private static final Duration START_TIMEOUT = Duration.ofMinutes(2);
  private static final Duration STOP_GRACE = Duration.ofSeconds(10);

  private final ChildProcess process;
  private final Path directory;
  private final int port;

  private MilvusLiteServer(ChildProcess process, Path directory, int port) {
    this.process = process;
    this.directory = directory;
    this.port = port;
  }

  /** Starts a new server on a free port with an empty data directory and waits until it accepts connections. */
  public static MilvusLiteServer start(PythonMilvusEnvironment environment) {
    long started = System.nanoTime();
    Path directory = InstanceDirectory.create("milvus-lite");
    int port = FreePorts.allocate();
    List<String> command = List.of(environment.milvusLiteLauncher().toString(), "server",
        "--data-dir", directory.resolve("data").toString(), "--host", HOST, "--port", Integer.toString(port));
    ChildProcess process = ChildProcess.start("milvus-lite", command, Map.of("PYTHONUNBUFFERED", "1"), directory,
        STOP_GRACE);
    Readiness.awaitServing("Milvus Lite", process, START_TIMEOUT, () -> Endpoints.acceptsConnections(HOST, port));
    LOG.info("Milvus Lite ready at {} in {} ms (logs: {})", HOST + ":" + port,
        (System.nanoTime() - started) / 1_000_000, directory.resolve("logs"));
    return new MilvusLiteServer(process, directory, port);
  }

  @Override
  public String host() {
    return HOST;
  }

  @Override
  public int port() {
    return port;
  }

  @Override
  public String version() {
    return VERSION;
  }

  @Override
  public Path directory() {
    return directory;
  }

  @Override
  public void close() {
    process.close();
  }
}
