package dev.milvusmigrate.e2e;

import static org.awaitility.Awaitility.await;

import dev.milvusmigrate.testkit.process.ChildProcess;
import dev.milvusmigrate.testkit.process.FreePorts;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The capture-proxy service in a process of its own ({@code CaptureProxyMain}, this JVM's class
 * path), listening on one port across restarts, so that a test can kill it as a crash would.
 */
final class ProxyProcess implements AutoCloseable {

  private static final Duration STOP_GRACE = Duration.ofSeconds(15);
  private static final Duration READY = Duration.ofMinutes(1);

  private final Path directory;
  private final Path config;
  private final int port;
  private ChildProcess process;

  private ProxyProcess(Path directory, Path config, int port) {
    this.directory = directory;
    this.config = config;
    this.port = port;
  }

  /** Starts the proxy with these settings on a free port of 127.0.0.1, its output under {@code directory/logs}. */
  static ProxyProcess start(Map<String, String> settings, Path directory) throws IOException {
    int port = FreePorts.allocate();
    Properties properties = new Properties();
    properties.putAll(settings);
    properties.put("proxy.listen", "127.0.0.1:" + port);
    properties.put("metrics.port", "0");
    Path config = directory.resolve("capture-proxy.properties");
    try (OutputStream out = Files.newOutputStream(config)) {
      properties.store(out, null);
    }
    ProxyProcess proxy = new ProxyProcess(directory, config, port);
    proxy.restart();
    return proxy;
  }

  String uri() {
    return "http://127.0.0.1:" + port;
  }

  /** {@code kill -9}: no shutdown hook runs, nothing is flushed or closed. */
  void kill() {
    process.kill();
  }

  /** Starts it again with the same settings and waits until it listens. */
  void restart() {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    process = ChildProcess.start("capture-proxy", List.of(java, "-cp", System.getProperty("java.class.path"),
        "dev.milvusmigrate.proxy.CaptureProxyMain", "--config", config.toString()), Map.of(), directory, STOP_GRACE);
    await("the capture-proxy listening on " + port).atMost(READY).until(this::listens);
  }

  private boolean listens() {
    if (!process.isAlive()) {
      throw new IllegalStateException("The capture-proxy exited: " + process.describe(30));
    }
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public void close() {
    process.close();
  }
}
