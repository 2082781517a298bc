package dev.milvusmigrate.e2e;

import dev.milvusmigrate.testkit.milvus.MilvusStandaloneServer;
import dev.milvusmigrate.testkit.milvus.PythonMilvusEnvironment;
import dev.milvusmigrate.testkit.milvus.StandaloneOptions;
import dev.milvusmigrate.testkit.milvus.StandalonePulsar;
import dev.milvusmigrate.testkit.pulsar.PulsarDistribution;
import dev.milvusmigrate.testkit.pulsar.PulsarStandalone;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The servers the fault suite breaks, each restartable on its own data: a Milvus 2.3.5 source
 * whose log is on a Kafka broker of its own (a separate process), or with {@link SourceLog#PULSAR}
 * on a Pulsar standalone of its own (a child JVM), a Milvus 2.3.5 target (its {@code count(*)}
 * counts a key written twice), and the pipeline's own Kafka broker, another separate process.
 */
final class FaultLab implements AutoCloseable {

  /** The message queue of the source's log: {@code -Dfaults.source-log=kafka} (default) or {@code pulsar}. */
  enum SourceLog {
    KAFKA, PULSAR;

    static SourceLog fromProperty() {
      return valueOf(System.getProperty("faults.source-log", "kafka").toUpperCase(Locale.ROOT));
    }
  }

  private final MilvusStandaloneServer source;
  private final MilvusStandaloneServer target;
  private final KafkaBrokerProcess pipelineKafka;
  private final KafkaBrokerProcess sourceLog;
  private final PulsarStandalone sourcePulsar;
  private final Path directory;

  private FaultLab(KafkaBrokerProcess sourceLog, PulsarStandalone sourcePulsar, MilvusStandaloneServer source,
      MilvusStandaloneServer target, KafkaBrokerProcess pipelineKafka, Path directory) {
    this.sourceLog = sourceLog;
    this.sourcePulsar = sourcePulsar;
    this.source = source;
    this.target = target;
    this.pipelineKafka = pipelineKafka;
    this.directory = directory;
  }

  /** Starts the four servers; if one cannot start, stops those already running. */
  static FaultLab start(Path directory, SourceLog log) {
    PythonMilvusEnvironment python = PythonMilvusEnvironment.shared();
    KafkaBrokerProcess sourceLog = log == SourceLog.KAFKA
        ? KafkaBrokerProcess.start(brokerDirectory(directory, "source-log-kafka-")) : null;
    PulsarStandalone sourcePulsar = log == SourceLog.PULSAR ? PulsarStandalone.start(PulsarDistribution.shared()) : null;
    MilvusStandaloneServer source = null;
    MilvusStandaloneServer target = null;
    try {
      StandaloneOptions onLog = sourceLog != null ? StandaloneOptions.onKafka(sourceLog.bootstrapServers())
          : StandaloneOptions.onPulsar(new StandalonePulsar(PulsarStandalone.HOST, sourcePulsar.brokerPort(),
              sourcePulsar.webPort()));
      source = MilvusStandaloneServer.start(python, onLog.withClusterPrefix(Names.unique("faults")));
      target = MilvusStandaloneServer.start(python, StandaloneOptions.onRocksMq());
      return new FaultLab(sourceLog, sourcePulsar, source, target,
          KafkaBrokerProcess.start(brokerDirectory(directory, "pipeline-kafka-")), directory);
    } catch (RuntimeException e) {
      if (target != null) {
        target.close();
      }
      if (source != null) {
        source.close();
      }
      closeSourceLog(sourceLog, sourcePulsar);
      throw e;
    }
  }

  private static void closeSourceLog(KafkaBrokerProcess kafka, PulsarStandalone pulsar) {
    if (kafka != null) {
      kafka.close();
    }
    if (pulsar != null) {
      pulsar.close();
    }
  }

  private static Path brokerDirectory(Path directory, String prefix) {
    try {
      return Files.createTempDirectory(directory, prefix);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create the pipeline broker's directory in " + directory, e);
    }
  }

  MilvusStandaloneServer source() {
    return source;
  }

  MilvusStandaloneServer target() {
    return target;
  }

  KafkaBrokerProcess pipelineKafka() {
    return pipelineKafka;
  }

  /** The Kafka cluster the source writes its log to; only when it writes it to Kafka. */
  String sourceLogKafka() {
    if (sourceLog == null) {
      throw new IllegalStateException("The source's log is on Pulsar in this lab; this fault needs it on Kafka.");
    }
    return sourceLog.bootstrapServers();
  }

  /** cdc-capture's settings that say where the source's log is and the source's cluster prefix. */
  Map<String, String> captureSourceLog() {
    return sourceLog != null
        ? Map.of("capture.wal.bootstrap", sourceLog.bootstrapServers(), "capture.wal.prefix", source.clusterPrefix())
        : Map.of("capture.wal.pulsar.service-url", sourcePulsar.serviceUrl(), "capture.wal.pulsar.admin-url",
            sourcePulsar.adminUrl(), "capture.wal.prefix", source.clusterPrefix());
  }

  /** The source's log (its Kafka broker or its Pulsar) stopped for {@code down} and started again on its data. */
  void restartSourceLog(Duration down) throws InterruptedException {
    if (sourceLog != null) {
      sourceLog.restart(down);
    } else {
      sourcePulsar.restart(down);
    }
  }

  /**
   * The DML topics of the source's Pulsar that still hold the subscription capture keeps for the
   * job of pipeline topic prefix {@code topicPrefix}; empty when the log is on Kafka.
   */
  List<String> captureSubscriptionsLeft(String topicPrefix, String job) {
    return Optional.ofNullable(sourcePulsar).map(pulsar -> pulsar.topicsWithSubscription(source.clusterPrefix(),
        topicPrefix + ".cdc-capture." + job)).orElse(List.of());
  }

  Path directory() {
    return directory;
  }

  @Override
  public void close() {
    pipelineKafka.close();
    target.close();
    source.close();
    closeSourceLog(sourceLog, sourcePulsar);
  }
}
