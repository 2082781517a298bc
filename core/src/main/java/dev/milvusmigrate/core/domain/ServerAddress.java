package dev.milvusmigrate.core.domain;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which server a Milvus address reaches, for telling whether two addresses name the same server:
 * host in lower case, {@code localhost}, {@code 127.0.0.1} and {@code ::1} as one loopback host,
 * the default port 19530 filled in; scheme, path, trailing slashes and credentials do not count
 * (one host and port is one server, whichever of http or https it speaks).
 */
public record ServerAddress(String host, int port) {

  private static final String LOOPBACK = "localhost";
  private static final Set<String> LOOPBACK_NAMES = Set.of(LOOPBACK, "127.0.0.1", "::1", "0:0:0:0:0:0:0:1");

  public ServerAddress {
    String bare = host.toLowerCase(Locale.ROOT).replaceAll("^\\[|]$", "");
    host = LOOPBACK_NAMES.contains(bare) ? LOOPBACK : bare;
  }

  public static ServerAddress of(MilvusEndpoint endpoint) {
    return new ServerAddress(endpoint.host(), endpoint.port());
  }

  /** The server a job's label or a configured URI names; empty when the text is not a Milvus address. */
  public static Optional<ServerAddress> parse(String uri) {
    try {
      return Optional.of(of(MilvusEndpoint.of(uri)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  @Override
  public String toString() {
    return host + ":" + port;
  }
}
