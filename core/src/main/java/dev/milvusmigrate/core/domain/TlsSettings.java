package dev.milvusmigrate.core.domain;

/**
 * TLS towards a Milvus server: off, one-way (verify the server, optionally against a CA file),
 * or mutual (also present a client certificate and key). Paths are files on the service's host.
 */
public record TlsSettings(boolean enabled, String caCertPath, String clientCertPath, String clientKeyPath,
    String serverName) {

  public static TlsSettings none() {
    return new TlsSettings(false, null, null, null, null);
  }

  public static TlsSettings serverAuth(String caCertPath) {
    return new TlsSettings(true, caCertPath, null, null, null);
  }

  public boolean mutual() {
    return enabled && clientCertPath != null && clientKeyPath != null;
  }
}
