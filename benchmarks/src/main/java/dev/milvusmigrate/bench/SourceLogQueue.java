package dev.milvusmigrate.bench;

import dev.milvusmigrate.cli.InProcessPipeline;
import dev.milvusmigrate.testkit.milvus.StandaloneOptions;
import dev.milvusmigrate.testkit.milvus.StandalonePulsar;
import dev.milvusmigrate.testkit.pulsar.PulsarDistribution;
import dev.milvusmigrate.testkit.pulsar.PulsarStandalone;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The message queue a zero-downtime benchmark's source Milvus writes its log to, and what capture
 * reads that log from: the run's in-JVM Kafka broker, or a Pulsar standalone started for the run.
 */
final class SourceLogQueue implements AutoCloseable {

  /** The two queues a source Milvus's log can be on. */
  enum Kind { kafka, pulsar }

  private final Kind kind;
  private final String kafkaBootstrap;
  private final Optional<PulsarStandalone> pulsar;

  private SourceLogQueue(Kind kind, String kafkaBootstrap, Optional<PulsarStandalone> pulsar) {
    this.kind = kind;
    this.kafkaBootstrap = kafkaBootstrap;
    this.pulsar = pulsar;
  }

  /**
   * Starts the queue of {@code kind}: nothing for Kafka (the run's broker at {@code kafkaBootstrap}),
   * a Pulsar {@value PulsarDistribution#VERSION} standalone (a child JVM) for Pulsar.
   */
  static SourceLogQueue start(Kind kind, String kafkaBootstrap, PrintStream out) {
    if (kind == Kind.kafka) {
      return new SourceLogQueue(kind, kafkaBootstrap, Optional.empty());
    }
    out.printf("Starting a Pulsar %s standalone for the source's log ...%n", PulsarDistribution.VERSION);
    return new SourceLogQueue(kind, kafkaBootstrap, Optional.of(PulsarStandalone.start(PulsarDistribution.shared())));
  }

  /** How the source Milvus is told to write its log here (Milvus 2.3.5). */
  StandaloneOptions sourceOptions() {
    return pulsar.map(p -> StandaloneOptions.onPulsar(new StandalonePulsar(PulsarStandalone.HOST, p.brokerPort(),
        p.webPort()))).orElseGet(() -> StandaloneOptions.onKafka(kafkaBootstrap));
  }

  /** Where capture reads the log of a source whose channel names start with {@code clusterPrefix}. */
  InProcessPipeline.Capture capture(String clusterPrefix) {
    return pulsar.<InProcessPipeline.Capture>map(p -> new InProcessPipeline.PulsarSourceLog(p.serviceUrl(),
        p.adminUrl(), PulsarStandalone.NAMESPACE, clusterPrefix))
        .orElseGet(() -> new InProcessPipeline.SourceLog(kafkaBootstrap, clusterPrefix));
  }

  /** e.g. {@code Kafka (in this JVM)} or {@code Pulsar 4.0.7 standalone (pulsar://127.0.0.1:P)}. */
  String describe() {
    return pulsar.map(p -> "Pulsar " + PulsarDistribution.VERSION + " standalone (" + p.serviceUrl() + ")")
        .orElse("Kafka (in this JVM, " + kafkaBootstrap + ")");
  }

  Kind kind() {
    return kind;
  }

  /** The Pulsar standalone's data directory, removed with the servers' when the run completed. */
  Optional<Path> directory() {
    return pulsar.map(PulsarStandalone::directory);
  }

  @Override
  public void close() {
    pulsar.ifPresent(PulsarStandalone::close);
  }
}
