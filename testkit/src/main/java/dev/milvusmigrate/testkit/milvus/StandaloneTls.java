package dev.milvusmigrate.testkit.milvus;

import dev.milvusmigrate.testkit.tls.TestCertificates;
import java.util.Objects;

/**
 * TLS on a standalone server's port ({@code common.security.tlsMode}): one-way (mode 1, the
 * server shows its certificate) or mutual (mode 2, clients must also show a certificate the CA
 * signed), with the server certificate and CA of {@code certificates} ({@code tls.serverPemPath},
 * {@code tls.serverKeyPath}, {@code tls.caPemPath}).
 */
public record StandaloneTls(boolean mutual, TestCertificates certificates) {

  public StandaloneTls {
    Objects.requireNonNull(certificates, "certificates");
  }

  /** The value of {@code common.security.tlsMode}. */
  int mode() {
    return mutual ? 2 : 1;
  }
}
