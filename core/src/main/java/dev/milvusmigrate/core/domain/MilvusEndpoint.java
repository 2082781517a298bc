package dev.milvusmigrate.core.domain;

import java.net.URI;
import java.util.Objects;

/**
 * Where a Milvus server is and how to authenticate: a token, or a user and password, or
 * nothing. {@link #toString()} and {@link #label()} never show credentials, so an endpoint can
 * be logged or shown safely; credentials never leave the service that was configured with them.
 */
public final class MilvusEndpoint {

  private final URI uri;
  private final String token;
  private final String user;
  private final String password;
  private final TlsSettings tls;

  private MilvusEndpoint(URI uri, String token, String user, String password, TlsSettings tls) {
    this.uri = uri;
    this.token = token;
    this.user = user;
    this.password = password;
    this.tls = tls;
  }

  /** An endpoint without credentials; {@code https://} turns TLS on. */
  public static MilvusEndpoint of(String uri) {
    URI parsed = parse(uri);
    boolean https = "https".equals(parsed.getScheme());
    return new MilvusEndpoint(parsed, "", "", "", https ? TlsSettings.serverAuth(null) : TlsSettings.none());
  }

  public MilvusEndpoint withToken(String newToken) {
    return new MilvusEndpoint(uri, Objects.requireNonNullElse(newToken, ""), user, password, tls);
  }

  public MilvusEndpoint withUser(String newUser, String newPassword) {
    return new MilvusEndpoint(uri, token, Objects.requireNonNullElse(newUser, ""),
        Objects.requireNonNullElse(newPassword, ""), tls);
  }

  public MilvusEndpoint withTls(TlsSettings newTls) {
    return new MilvusEndpoint(uri, token, user, password, newTls);
  }

  public String host() {
    return uri.getHost();
  }

  public int port() {
    return uri.getPort() == -1 ? 19530 : uri.getPort();
  }

  public TlsSettings tls() {
    return tls;
  }

  /** The token, or {@code user:password}, or empty when the server needs no authentication. */
  public String authorization() {
    if (!token.isEmpty()) {
      return token;
    }
    return user.isEmpty() ? "" : user + ":" + password;
  }

  /** The address as users see it, e.g. {@code http://10.0.0.5:19530}; never credentials. */
  public String label() {
    return (tls.enabled() ? "https" : "http") + "://" + host() + ":" + port();
  }

  @Override
  public String toString() {
    String auth = !token.isEmpty() ? " (token)" : !user.isEmpty() ? " (user " + user + ")" : "";
    return label() + auth;
  }

  private static URI parse(String uri) {
    if (uri == null || uri.isBlank()) {
      throw new IllegalArgumentException("The Milvus address is empty: give it as http://host:19530.");
    }
    String withScheme = uri.contains("://") ? uri : "http://" + uri;
    try {
      URI parsed = URI.create(withScheme);
      if (parsed.getHost() == null || !(parsed.getScheme().equals("http") || parsed.getScheme().equals("https")
          || parsed.getScheme().equals("tcp") || parsed.getScheme().equals("grpc"))) {
        throw new IllegalArgumentException("bad scheme or host");
      }
      return parsed;
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("The Milvus address '" + uri + "' is not valid: give it as"
          + " http://host:19530 or https://host:19530.");
    }
  }
}
