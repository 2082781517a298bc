package dev.milvusmigrate.console;

import java.net.URI;
import java.util.Optional;

/**
 * Keeps a control request (POST) from being sent by another site with the browser's cached
 * credentials: its body must be JSON, which no HTML form can send and which a script of another
 * origin can send only after a CORS preflight the console never answers, and its {@code Origin},
 * when the browser gives one, must be the console's own.
 */
final class CrossSiteCheck {

  private CrossSiteCheck() {}

  /** Why the request is refused; empty when it may proceed. */
  static Optional<String> refusal(String contentType, String origin, String host) {
    if (contentType == null || !contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
      return Optional.of("A control request needs a JSON body (Content-Type: application/json).");
    }
    if (origin != null && !sameHost(origin, host)) {
      return Optional.of("A control request from another site (Origin " + origin + ") is refused: send it from the"
          + " console's own page or without an Origin header.");
    }
    return Optional.empty();
  }

  private static boolean sameHost(String origin, String host) {
    try {
      URI uri = URI.create(origin);
      String originHost = uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
      return host != null && originHost.equalsIgnoreCase(host);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
