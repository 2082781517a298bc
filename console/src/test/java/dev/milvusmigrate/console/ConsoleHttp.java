package dev.milvusmigrate.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/** Requests to a running console over real HTTP, as a script sends them. */
final class ConsoleHttp {

  static final ObjectMapper JSON = new ObjectMapper();

  /** A response: status, content type and body. */
  record Reply(int status, String contentType, String body, HttpResponse<String> raw) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException(body, e);
      }
    }
  }

  private final HttpClient client = HttpClient.newHttpClient();
  private final String base;

  ConsoleHttp(int port) {
    this.base = "http://127.0.0.1:" + port;
  }

  Reply get(String path, String token) {
    return send(request(path, token).GET());
  }

  Reply post(String path, String token, String json) {
    return send(request(path, token).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  HttpRequest.Builder request(String path, String token) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
    return token == null ? request : request.header("Authorization", "Bearer " + token);
  }

  Reply send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
          response.body(), response);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The lines of {@code GET /v2/events}, collected as they arrive until the console closes the stream. */
  List<String> events(String token) {
    List<String> lines = new CopyOnWriteArrayList<>();
    HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/v2/events"))
        .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").GET().build();
    client.sendAsync(request, HttpResponse.BodyHandlers.ofLines())
        .thenAccept(response -> {
          try (Stream<String> body = response.body()) {
            body.forEach(lines::add);
          } catch (UncheckedIOException e) {
            // the console closed the stream
          }
        });
    return lines;
  }
}
