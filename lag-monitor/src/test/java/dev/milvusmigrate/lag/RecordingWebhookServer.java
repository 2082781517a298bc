package dev.milvusmigrate.lag;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server (the JDK's) on a free loopback port that records every request and answers
 * 200, or a chosen status to the first requests, or holds the first requests unanswered until it
 * is closed (so the client times out).
 */
final class RecordingWebhookServer implements AutoCloseable {

  /** One request as the server received it. */
  record Received(String method, String pathAndQuery, String contentType, String idempotencyKey,
      String authorization, String body) {}

  private final HttpServer server;
  private final ExecutorService handlers = Executors.newCachedThreadPool();
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final AtomicInteger failuresLeft = new AtomicInteger();
  private final AtomicInteger heldLeft = new AtomicInteger();
  private final CountDownLatch closed = new CountDownLatch(1);
  private volatile int failureStatus;

  private RecordingWebhookServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(handlers);
    server.start();
  }

  static RecordingWebhookServer start() throws IOException {
    return new RecordingWebhookServer();
  }

  /** {@code http://127.0.0.1:<port>} followed by {@code pathAndQuery}. */
  String url(String pathAndQuery) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + pathAndQuery;
  }

  /** Answers {@code status} to the next {@code requests} requests, then 200. */
  void answerFirst(int requests, int status) {
    failureStatus = status;
    failuresLeft.set(requests);
  }

  /** Leaves the next {@code requests} requests unanswered until the server is closed. */
  void holdFirst(int requests) {
    heldLeft.set(requests);
  }

  List<Received> received() {
    return List.copyOf(received);
  }

  /** Stops listening: later connections are refused. */
  void stop() {
    server.stop(0);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
          exchange.getRequestHeaders().getFirst("Content-Type"),
          exchange.getRequestHeaders().getFirst("Idempotency-Key"),
          exchange.getRequestHeaders().getFirst("Authorization"), new String(body, StandardCharsets.UTF_8)));
      if (heldLeft.getAndDecrement() > 0) {
        closed.await();
        return;
      }
      exchange.sendResponseHeaders(failuresLeft.getAndDecrement() > 0 ? failureStatus : 200, -1);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    closed.countDown();
    server.stop(0);
    handlers.shutdownNow();
  }
}
