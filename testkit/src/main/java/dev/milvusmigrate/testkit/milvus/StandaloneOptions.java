package dev.milvusmigrate.testkit.milvus;

import java.util.Objects;
import java.util.Optional;

/**
 * How to run Milvus standalone: its message queue (Kafka at the given bootstrap servers, or the
 * embedded rocksmq) and the cluster prefix of its channel names
 * ({@code common.chanNamePrefix.cluster}), which Kafka topics start with, and whether clients
 * must authenticate ({@code common.security.authorizationEnabled}; user {@code root}, password
 * {@link #ROOT_PASSWORD}).
 */
public record StandaloneOptions(String clusterPrefix, Optional<String> kafkaBootstrapServers, boolean authorization) {

  public static final String DEFAULT_CLUSTER_PREFIX = "by-dev";
  /** The password of Milvus's built-in {@code root} user on a fresh server. */
  public static final String ROOT_PASSWORD = "Milvus";

  public StandaloneOptions {
    Objects.requireNonNull(clusterPrefix, "clusterPrefix");
    Objects.requireNonNull(kafkaBootstrapServers, "kafkaBootstrapServers");
  }

  /** Writes its WAL to Kafka; DML goes to topics {@code <prefix>-rootcoord-dml_<n>}. */
  public static StandaloneOptions onKafka(String bootstrapServers) {
    return new StandaloneOptions(DEFAULT_CLUSTER_PREFIX, Optional.of(bootstrapServers), false);
  }

  /** Keeps its WAL in the embedded rocksmq, invisible to Kafka consumers. */
  public static StandaloneOptions onRocksMq() {
    return new StandaloneOptions(DEFAULT_CLUSTER_PREFIX, Optional.empty(), false);
  }

  public StandaloneOptions withClusterPrefix(String prefix) {
    return new StandaloneOptions(prefix, kafkaBootstrapServers, authorization);
  }

  /** Clients must authenticate, as production servers usually require. */
  public StandaloneOptions withAuthorization() {
    return new StandaloneOptions(clusterPrefix, kafkaBootstrapServers, true);
  }
}
