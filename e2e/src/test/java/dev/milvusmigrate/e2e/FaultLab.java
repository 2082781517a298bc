package dev.milvusmigrate.e2e;

import dev.milvusmigrate.testkit.milvus.MilvusStandaloneServer;
import dev.milvusmigrate.testkit.milvus.PythonMilvusEnvironment;
import dev.milvusmigrate.testkit.milvus.StandaloneOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The servers the fault suite breaks, each restartable on its own data: a Milvus 2.3.5 source
 * whose log is on a Kafka broker of its own (a separate process), a Milvus 2.3.5 target (its
 * {@code count(*)} counts a key written twice), and the pipeline's own Kafka broker, another
 * separate process.
 */
final class FaultLab implements AutoCloseable {

  private final MilvusStandaloneServer source;
  private final MilvusStandaloneServer target;
  private final KafkaBrokerProcess pipelineKafka;
  private final KafkaBrokerProcess sourceLog;
  private final Path directory;

  private FaultLab(KafkaBrokerProcess sourceLog, MilvusStandaloneServer source, MilvusStandaloneServer target,
      KafkaBrokerProcess pipelineKafka, Path directory) {
    this.sourceLog = sourceLog;
    this.source = source;
    this.target = target;
    this.pipelineKafka = pipelineKafka;
    this.directory = directory;
  }

  /** Starts the four servers; if one cannot start, stops those already running. */
  static FaultLab start(Path directory) {
    PythonMilvusEnvironment python = PythonMilvusEnvironment.shared();
    KafkaBrokerProcess sourceLog = KafkaBrokerProcess.start(brokerDirectory(directory, "source-log-kafka-"));
    MilvusStandaloneServer source = null;
    MilvusStandaloneServer target = null;
    try {
      source = MilvusStandaloneServer.start(python,
          StandaloneOptions.onKafka(sourceLog.bootstrapServers()).withClusterPrefix(Names.unique("faults")));
      target = MilvusStandaloneServer.start(python, StandaloneOptions.onRocksMq());
      return new FaultLab(sourceLog, source, target,
          KafkaBrokerProcess.start(brokerDirectory(directory, "pipeline-kafka-")), directory);
    } catch (RuntimeException e) {
      if (target != null) {
        target.close();
      }
      if (source != null) {
        source.close();
      }
      sourceLog.close();
      throw e;
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

  /** The Kafka cluster the source writes its log to. */
  String sourceLogKafka() {
    return sourceLog.bootstrapServers();
  }

  /** The source's log Kafka, to break. */
  KafkaBrokerProcess sourceLogBroker() {
    return sourceLog;
  }

  Path directory() {
    return directory;
  }

  @Override
  public void close() {
    pipelineKafka.close();
    target.close();
    source.close();
    sourceLog.close();
  }
}
