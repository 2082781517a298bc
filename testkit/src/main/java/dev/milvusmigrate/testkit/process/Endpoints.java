package dev.milvusmigrate.testkit.process;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import javax.net.ssl.SSLContext;

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
    return httpGetOk(HTTP, url, bearer);
  }

  /** A client for {@link #grpcCallBody(HttpClient, String, String)} over TLS with {@code tls}. */
  public static HttpClient tlsClient(SSLContext tls) {
    return HttpClient.newBuilder().connectTimeout(PROBE_TIMEOUT).sslContext(tls).build();
  }

  /**
   * The body of a unary gRPC call without arguments (an empty message) to {@code url}, e.g.
   * {@code https://host:port/package.Service/Method}, sending {@code authorization} as that header
   * when it is not null; null when it is not answered with 200. The body is the protobuf answer
   * with gRPC's 5-byte frame header; gRPC's status is in trailers, which are not read.
   */
  public static byte[] grpcCallBody(HttpClient client, String url, String authorization) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(PROBE_TIMEOUT)
        .header("content-type", "application/grpc").header("te", "trailers")
        .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[5]));
    if (authorization != null) {
      builder.header("authorization", authorization);
    }
    return bodyIfOk(client, builder.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static String httpGetOk(HttpClient client, String url, String bearer) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(PROBE_TIMEOUT).GET();
    if (bearer != null) {
      builder.header("Authorization", "Bearer " + bearer);
    }
    return bodyIfOk(client, builder.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The answer's body when it is 200; null when it is not, or no answer came. */
  private static <T> T bodyIfOk(HttpClient client, HttpRequest request, HttpResponse.BodyHandler<T> body) {
    try {
      HttpResponse<T> response = client.send(request, body);
      return response.statusCode() == 200 ? response.body() : null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }
}
