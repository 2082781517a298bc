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

/**
 * An older Milvus Lite ({@link LiteBinaryEnvironment}) served over TCP by its bundled binary as a
 * child process: {@code milvus <db file> 127.0.0.1:<port> INFO}. It has no GetVersion,
 * ListDatabases, partitions or aliases (UNIMPLEMENTED).
 */
public final class LiteBinaryServer implements MilvusServer, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LiteBinaryServer.class);
  private static final String HOST = "127.0.0.1";
  private static final Duration START_TIMEOUT = Duration.ofMinutes(1);
  private static final Duration STOP_GRACE = Duration.ofSeconds(10);

  private final ChildProcess process;
  private final Path directory;
  private final int port;
  private final String version;

  private LiteBinaryServer(ChildProcess process, Path directory, int port, String version) {
    this.process = process;
    this.directory = directory;
    this.port = port;
    this.version = version;
  }

  /** Starts a new server on a free port with a new database file and waits until it accepts connections. */
  public static LiteBinaryServer start(LiteBinaryEnvironment environment) {
    long started = System.nanoTime();
    Path directory = InstanceDirectory.create("milvus-lite-" + environment.version());
    int port = FreePorts.allocate();
    Path lib = environment.libraryDirectory();
    List<String> command = List.of(lib.resolve("milvus").toString(), directory.resolve("milvus.db").toString(),
        HOST + ":" + port, "INFO");
    ChildProcess process = ChildProcess.start("milvus-lite", command, Map.of("LD_LIBRARY_PATH", lib.toString()),
        directory, STOP_GRACE);
    Readiness.awaitServing("Milvus Lite " + environment.version(), process, START_TIMEOUT,
        () -> Endpoints.acceptsConnections(HOST, port));
    LOG.info("Milvus Lite {} ready at {} in {} ms (logs: {})", environment.version(), HOST + ":" + port,
        (System.nanoTime() - started) / 1_000_000, directory.resolve("logs"));
    return new LiteBinaryServer(process, directory, port, "lite-" + environment.version());
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
    return version;
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
