package dev.milvusmigrate.e2e;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The capture-proxy in a process of its own (its {@code main}, this JVM's class path), listening on
 * one port across restarts, so that a test can kill it with SIGKILL as an operating system would.
 */
final class ProxyProcess implements AutoCloseable {

  private final Path config;
  private final Path log;
  private final int port;
  private Process process;

  private ProxyProcess(Path config, Path log, int port) {
    this.config = config;
    this.log = log;
    this.port = port;
  }

  /**
   * Starts the proxy with these settings, listening on a free port of 127.0.0.1, its output appended
   * to {@code target/<name>.log}.
   */
  static ProxyProcess start(String name, Map<String, String> settings, Path workDir) throws IOException {
    int port = freePort();
    Properties properties = new Properties();
    properties.putAll(settings);
    properties.put("proxy.listen", "127.0.0.1:" + port);
    properties.put("metrics.port", "0");
    Path config = workDir.resolve("capture-proxy.properties");
    try (var out = Files.newBufferedWriter(config)) {
      properties.store(out, null);
    }
    ProxyProcess proxy = new ProxyProcess(config, Path.of("target", name + ".log"), port);
    proxy.restart();
    return proxy;
  }

  String uri() {
    return "http://127.0.0.1:" + port;
  }

  /** SIGKILL: no shutdown hook runs, nothing is flushed or closed. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  /** Starts it again with the same settings and waits until it listens. */
  void restart() {
    try {
      process = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", System.getProperty("java.class.path"), "dev.milvusmigrate.proxy.CaptureProxyMain",
          "--config", config.toString()))
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    await("the capture-proxy listening on " + port).atMost(Duration.ofMinutes(1)).until(() -> {
      if (!process.isAlive()) {
        throw new IllegalStateException("The capture-proxy exited with " + process.exitValue() + ": "
            + Files.readString(log));
      }
      return listens();
    });
  }

  private boolean listens() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (process != null) {
      process.destroy();
      process.waitFor();
    }
  }
}
