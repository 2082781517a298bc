package dev.milvusmigrate.testkit.milvus;

import java.util.Objects;

/**
 * How Milvus 2.3.5 logs in to the Kafka it writes its log to: {@code kafka.securityProtocol},
 * {@code kafka.saslMechanisms}, {@code kafka.saslUsername} and {@code kafka.saslPassword}, the
 * Kafka security keys of its configuration template (no CA: its Kafka client then trusts the
 * system's CAs, so a test broker's SASL listener without TLS is what it uses).
 */
public record StandaloneKafkaLogin(String securityProtocol, String mechanism, String user, String password) {

  public StandaloneKafkaLogin {
    Objects.requireNonNull(securityProtocol, "securityProtocol");
    Objects.requireNonNull(mechanism, "mechanism");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(password, "password");
  }

  /** The lines under {@code kafka:} in milvus.yaml. */
  String yaml() {
    return "  saslUsername: " + user + "\n"
        + "  saslPassword: " + password + "\n"
        + "  saslMechanisms: " + mechanism + "\n"
        + "  securityProtocol: " + securityProtocol + "\n";
  }
}
