package dev.milvusmigrate.testkit.milvus;

import java.util.Objects;
import java.util.Optional;

/**
 * How to run Milvus standalone: its message queue (Kafka at the given bootstrap servers, or the
 * embedded rocksmq) and the cluster prefix of its channel names
 * ({@code common.chanNamePrefix.cluster}), which Kafka topics start with, and whether clients
 * must authenticate ({@code common.security.authorizationEnabled}; user {@code root}, password
 * {@link #ROOT_PASSWORD}), whether its port speaks only TLS, and how it logs in to its Kafka; or its
 * message queue is Pulsar.
 */
public record StandaloneOptions(String clusterPrefix, Optional<String> kafkaBootstrapServers, boolean authorization,
    Optional<StandaloneTls> tls, Optional<StandaloneKafkaLogin> kafkaLogin, Optional<StandalonePulsar> pulsar) {

  public static final String DEFAULT_CLUSTER_PREFIX = "by-dev";
  /** The password of Milvus's built-in {@code root} user on a fresh server. */
  public static final String ROOT_PASSWORD = "Milvus";

  public StandaloneOptions {
    Objects.requireNonNull(clusterPrefix, "clusterPrefix");
    Objects.requireNonNull(kafkaBootstrapServers, "kafkaBootstrapServers");
    Objects.requireNonNull(tls, "tls");
    Objects.requireNonNull(kafkaLogin, "kafkaLogin");
    Objects.requireNonNull(pulsar, "pulsar");
  }

  /** Writes its WAL to Kafka; DML goes to topics {@code <prefix>-rootcoord-dml_<n>}. */
  public static StandaloneOptions onKafka(String bootstrapServers) {
    return new StandaloneOptions(DEFAULT_CLUSTER_PREFIX, Optional.of(bootstrapServers), false, Optional.empty(),
        Optional.empty(), Optional.empty());
  }

  /**
   * Writes its WAL to Pulsar (Milvus 2.3.5 only): DML goes to topics
   * {@code persistent://public/default/<prefix>-rootcoord-dml_<n>}.
   */
  public static StandaloneOptions onPulsar(StandalonePulsar pulsar) {
    return new StandaloneOptions(DEFAULT_CLUSTER_PREFIX, Optional.empty(), false, Optional.empty(), Optional.empty(),
        Optional.of(pulsar));
  }

  /** Keeps its WAL in the embedded rocksmq, invisible to Kafka consumers. */
  public static StandaloneOptions onRocksMq() {
    return new StandaloneOptions(DEFAULT_CLUSTER_PREFIX, Optional.empty(), false, Optional.empty(), Optional.empty(),
        Optional.empty());
  }

  public StandaloneOptions withClusterPrefix(String prefix) {
    return new StandaloneOptions(prefix, kafkaBootstrapServers, authorization, tls, kafkaLogin, pulsar);
  }

  /** Clients must authenticate, as production servers usually require. */
  public StandaloneOptions withAuthorization() {
    return new StandaloneOptions(clusterPrefix, kafkaBootstrapServers, true, tls, kafkaLogin, pulsar);
  }

  /** Its port speaks only TLS, one-way or mutual. */
  public StandaloneOptions withTls(StandaloneTls serverTls) {
    return new StandaloneOptions(clusterPrefix, kafkaBootstrapServers, authorization, Optional.of(serverTls),
        kafkaLogin, pulsar);
  }

  /** Logs in to its Kafka (Milvus 2.3.5 only), e.g. on a SASL listener of the test kit's secured broker. */
  public StandaloneOptions withKafkaLogin(StandaloneKafkaLogin login) {
    return new StandaloneOptions(clusterPrefix, kafkaBootstrapServers, authorization, tls, Optional.of(login), pulsar);
  }
}
