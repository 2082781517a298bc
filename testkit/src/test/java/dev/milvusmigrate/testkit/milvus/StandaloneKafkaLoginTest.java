package dev.milvusmigrate.testkit.milvus;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StandaloneKafkaLoginTest {

  @Test
  void writesMilvusOwnKafkaSecurityKeysUnderKafka() {
    StandaloneKafkaLogin login = new StandaloneKafkaLogin("SASL_PLAINTEXT", "SCRAM-SHA-512", "milvus", "s3cret");

    assertThat(login.yaml().lines()).containsExactly("  saslUsername: milvus", "  saslPassword: s3cret",
        "  saslMechanisms: SCRAM-SHA-512", "  securityProtocol: SASL_PLAINTEXT");
  }
}
