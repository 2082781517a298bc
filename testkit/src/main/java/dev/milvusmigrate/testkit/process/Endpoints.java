package dev.milvusmigrate.testkit.process;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Probes used by readiness waits: they answer true or false and never throw on I/O errors. */
public final class Endpoints {

  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(PROBE_TIMEOUT).build();

  private Endpoints() {
  }

  /** Whether a TCP connection to host:port can be opened. */
  public static boolean acceptsConnections(String host, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), (int) PROBE_TIMEOUT.toMillis());
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** The body of a GET to {@code url} when it answers 200, else null. */
  public static String httpGetOk(String url) {
    return httpGetOk(url, null);
  }

  /** As {@link #httpGetOk(String)}, sending {@code Authorization: Bearer <bearer>} when it is not null. */
  public static String httpGetOk(String url, String bearer) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(PROBE_TIMEOUT).GET();
    if (bearer != null) {
      builder.header("Authorization", "Bearer " + bearer);
    }
    HttpRequest request = builder.build();
    try {
      HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 ? response.body() : null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }
}
