package dev.milvusmigrate.capture;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How capture reaches the source's Pulsar: the binary protocol's service URL, the admin REST API's
 * URL (topic discovery, subscriptions), the tenant and namespace Milvus writes to ({@code
 * pulsar.tenant}, {@code pulsar.namespace}), an optional token and an optional PEM file of trusted
 * CA certificates for TLS. {@link #toString()} never shows the token.
 */
record PulsarSettings(String serviceUrl, String adminUrl, String tenant, String namespace, Optional<String> token,
    Optional<String> trustCertsFile) {

  PulsarSettings {
    Objects.requireNonNull(serviceUrl, "serviceUrl");
    Objects.requireNonNull(adminUrl, "adminUrl");
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(trustCertsFile, "trustCertsFile");
  }

  /**
   * The admin URL when given, else the broker's web port on the service URL's host: {@code
   * http://host:8080} for {@code pulsar://}, {@code https://host:8443} for {@code pulsar+ssl://}.
   */
  static String adminUrl(String serviceUrl, String adminUrl) {
    if (adminUrl != null && !adminUrl.isBlank()) {
      return adminUrl.endsWith("/") ? adminUrl.substring(0, adminUrl.length() - 1) : adminUrl;
    }
    URI service = URI.create(serviceUrl.split(",")[0]);
    return service.getScheme().equals("pulsar+ssl") ? "https://" + service.getHost() + ":8443"
        : "http://" + service.getHost() + ":8080";
  }

  /** Accepts comma-separated {@code pulsar://host:port} or {@code pulsar+ssl://host:port} URLs. */
  static void checkServiceUrl(String text) {
    for (String url : text.split(",")) {
      URI uri = URI.create(url.strip());
      if (!("pulsar".equals(uri.getScheme()) || "pulsar+ssl".equals(uri.getScheme())) || uri.getHost() == null) {
        throw new IllegalArgumentException("not a pulsar:// or pulsar+ssl:// URL: " + url.strip());
      }
    }
  }

  /** {@code persistent://<tenant>/<namespace>/<name>}. */
  String topic(String name) {
    return "persistent://" + tenant + "/" + namespace + "/" + name;
  }

  /** The source's DML topics: {@code persistent://<tenant>/<namespace>/<clusterPrefix>-rootcoord-dml_<n>}. */
  Pattern dmlTopics(String clusterPrefix) {
    return WalCapture.dmlTopics(topic(clusterPrefix + "-rootcoord-dml_"));
  }

  @Override
  public String toString() {
    return serviceUrl + " (admin " + adminUrl + ", namespace " + tenant + "/" + namespace
        + token.map(t -> ", token ****").orElse("") + trustCertsFile.map(f -> ", trusting " + f).orElse("") + ")";
  }
}
