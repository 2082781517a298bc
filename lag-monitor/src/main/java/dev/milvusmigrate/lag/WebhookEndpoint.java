package dev.milvusmigrate.lag;

import dev.milvusmigrate.core.config.ConfigException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * The http(s) URL notifications are POSTed to. Credentials in it ({@code user:password@}) are
 * sent as HTTP Basic authentication, not in the request line; the query (which may carry a
 * token) is sent as given. Only {@link #redacted()} may appear in logs.
 */
final class WebhookEndpoint {

  private final URI uri;

  private WebhookEndpoint(URI uri) {
    this.uri = uri;
  }

  /** The endpoint of a configured URL; the sentence of a bad one never repeats the URL, which may hold secrets. */
  static WebhookEndpoint parse(String setting, String url) {
    try {
      URI uri = new URI(url.trim());
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
        return new WebhookEndpoint(uri);
      }
    } catch (URISyntaxException e) {
      // reported below, without the URL
    }
    throw new ConfigException("Setting '" + setting + "' is not an http(s) URL: give it as"
        + " https://host[:port]/path, or leave it empty to turn the webhook off.");
  }

  /** The URL to request: the configured one without its credentials. */
  URI requestUri() {
    String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
    return URI.create(scheme() + "://" + hostAndPort(uri.getPort()) + rawPath() + query);
  }

  /** The {@code Authorization} header value for credentials in the URL, if it has any. */
  Optional<String> basicAuthorization() {
    return Optional.ofNullable(uri.getUserInfo()).map(userInfo -> "Basic "
        + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8)));
  }

  /** {@code scheme://host:port/path}: what logs may show of the URL (no credentials, no query). */
  String redacted() {
    return scheme() + "://" + hostAndPort(port()) + rawPath();
  }

  private String scheme() {
    return uri.getScheme().toLowerCase(Locale.ROOT);
  }

  private int port() {
    if (uri.getPort() != -1) {
      return uri.getPort();
    }
    return scheme().equals("https") ? 443 : 80;
  }

  private String hostAndPort(int port) {
    return port == -1 ? uri.getHost() : uri.getHost() + ":" + port;
  }

  private String rawPath() {
    return uri.getRawPath() == null ? "" : uri.getRawPath();
  }

  @Override
  public String toString() {
    return redacted();
  }
}
