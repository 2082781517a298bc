package dev.milvusmigrate.e2e;

import static org.awaitility.Awaitility.await;

import dev.milvusmigrate.testkit.process.FreePorts;
import dev.milvusmigrate.testkit.process.ServiceProcess;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The capture-proxy service as a process of its own ({@link ServiceProcess}), listening on one port
 * across restarts, so that a test can kill it as a crash would while applications use that port.
 */
final class ProxyProcess implements AutoCloseable {

  private static final Duration READY = Duration.ofMinutes(1);

  private static final int LOG_LINES = 30;

  private final ServiceProcess service;
  private final int port;
  private final Path log;

  private ProxyProcess(ServiceProcess service, int port, Path log) {
    this.service = service;
    this.port = port;
    this.log = log;
  }

  /** Starts the proxy with these settings on a free port of 127.0.0.1 and waits until it listens. */
  static ProxyProcess start(Map<String, String> settings, Path directory) {
    int port = FreePorts.allocate();
    Map<String, String> all = new HashMap<>(settings);
    all.put("proxy.listen", "127.0.0.1:" + port);
    all.put("metrics.port", "0");
    ProxyProcess proxy = new ProxyProcess(ServiceProcess.start("capture-proxy",
        "dev.milvusmigrate.proxy.CaptureProxyMain", directory, all), port, directory.resolve("capture-proxy.log"));
    proxy.awaitListening();
    return proxy;
  }

  String uri() {
    return "http://127.0.0.1:" + port;
  }

  /** {@code kill -9} (no shutdown hook runs), then the proxy started again, listening. */
  void killAndRestart() {
    service.killAndRestart();
    awaitListening();
  }

  /** Whether it runs, and the end of its log: for the message of a test that could not reach it. */
  String describe() {
    try {
      List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
      return (service.isAlive() ? "running" : "exited: " + service.describe()) + "; the end of " + log + ":\n"
          + String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_LINES), lines.size()));
    } catch (IOException e) {
      return "its log " + log + " unreadable: " + e.getMessage();
    }
  }

  /** {@code kill -9}: no shutdown hook runs. */
  void kill() {
    service.kill();
  }

  /** The proxy started again after {@link #kill}, listening. */
  void restart() {
    service.restart();
    awaitListening();
  }

  private void awaitListening() {
    await("the capture-proxy listening on " + port).atMost(READY).until(() -> {
      if (!service.isAlive()) {
        throw new IllegalStateException("The capture-proxy exited: " + service.describe());
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
        return true;
      } catch (IOException e) {
        return false;
      }
    });
  }

  @Override
  public void close() {
    service.close();
  }
}
