package dev.milvusmigrate.testkit.milvus;

import java.util.Objects;
import java.util.Optional;

/**
 * How to run Milvus standalone: its message queue (Kafka at the given bootstrap servers, or the
 * embedded rocksmq) and the cluster prefix of its channel names
 * ({@code common.chanNamePrefix.cluster}), which Kafka topics start with.
 */
public record StandaloneOptions(String clusterPrefix, Optional<String> kafkaBootstrapServers) {

  public static final String DEFAULT_CLUSTER_PREFIX = "by-dev";

  public StandaloneOptions {
    Objects.requireNonNull(clusterPrefix, "clusterPrefix");
    Objects.requireNonNull(kafkaBootstrapServers, "kafkaBootstrapServers");
  }

  /** Writes its WAL to Kafka; DML goes to topics {@code <prefix>-rootcoord-dml_<n>}. */
  public static StandaloneOptions onKafka(String bootstrapServers) {
    return new StandaloneOptions(DEFAULT_CLUSTER_PREFIX, Optional.of(bootstrapServers));
  }

  /** Keeps its WAL in the embedded rocksmq, invisible to Kafka consumers. */
  public static StandaloneOptions onRocksMq() {
    return new StandaloneOptions(DEFAULT_CLUSTER_PREFIX, Optional.empty());
  }

  public StandaloneOptions withClusterPrefix(String prefix) {
    return new StandaloneOptions(prefix, kafkaBootstrapServers);
  }
}
