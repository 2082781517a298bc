package dev.milvusmigrate.testkit.milvus;

import java.util.Objects;

/**
 * How Milvus 2.3.5 logs in to the Kafka it writes its log to: {@code kafka.securityProtocol},
 * {@code kafka.saslMechanisms}, {@code kafka.saslUsername} and {@code kafka.saslPassword}, the
 * only Kafka security keys its configuration has (no CA of its own: its Kafka client trusts only
 * the system's CAs, so a test broker's SASL listener without TLS is what it can use).
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
