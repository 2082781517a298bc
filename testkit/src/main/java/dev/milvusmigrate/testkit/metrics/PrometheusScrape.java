package dev.milvusmigrate.testkit.metrics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/** One answer of a service's {@code GET /metrics}, read over HTTP as Prometheus would, in the text format. */
public final class PrometheusScrape {

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final String contentType;
  private final List<String> samples;

  private PrometheusScrape(String contentType, String body) {
    this.contentType = contentType;
    this.samples = body.lines().filter(line -> !line.isBlank() && !line.startsWith("#")).toList();
  }

  /** Scrapes {@code http://localhost:<port>/metrics}; fails unless the answer is 200. */
  public static PrometheusScrape of(int port) {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/metrics"))
        .timeout(Duration.ofSeconds(10)).GET().build();
    try {
      HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException("GET /metrics answered " + response.statusCode());
      }
      return new PrometheusScrape(response.headers().firstValue("Content-Type").orElse(""), response.body());
    } catch (IOException e) {
      throw new UncheckedIOException("GET /metrics on port " + port + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while scraping", e);
    }
  }

  public String contentType() {
    return contentType;
  }

  /** The sample lines (no comments). */
  public List<String> samples() {
    return samples;
  }

  /**
   * The sum of every series of {@code metric} that carries all the given labels, e.g. {@code
   * sum("x_total", "job_id", "j1")}; 0 when there is none.
   */
  public double sum(String metric, String... labelPairs) {
    List<String> labels = labels(labelPairs);
    return samples.stream().filter(line -> line.startsWith(metric + "{") || line.startsWith(metric + " "))
        .filter(line -> labels.stream().allMatch(line::contains))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
  }

  /** Whether a series of {@code metric} carries all the given labels. */
  public boolean has(String metric, String... labelPairs) {
    List<String> labels = labels(labelPairs);
    return samples.stream().anyMatch(line -> line.startsWith(metric + "{")
        && labels.stream().allMatch(line::contains));
  }

  private static List<String> labels(String... pairs) {
    if (pairs.length % 2 != 0) {
      throw new IllegalArgumentException("labels come in name, value pairs: " + Arrays.toString(pairs));
    }
    return IntStream.range(0, pairs.length / 2)
        .mapToObj(i -> pairs[2 * i] + "=\"" + pairs[2 * i + 1] + "\"").toList();
  }
}
