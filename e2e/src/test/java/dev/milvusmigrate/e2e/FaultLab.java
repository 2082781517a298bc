package dev.milvusmigrate.e2e;

import dev.milvusmigrate.testkit.kafka.KafkaBroker;
import dev.milvusmigrate.testkit.milvus.MilvusStandaloneServer;
import dev.milvusmigrate.testkit.milvus.PythonMilvusEnvironment;
import dev.milvusmigrate.testkit.milvus.StandaloneOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The servers the fault suite breaks, each restartable on its own data: a Milvus 2.3.5 source
 * whose log is on the test kit's Kafka broker, a Milvus 2.3.5 target (its {@code count(*)} counts
 * a key written twice), and the pipeline's own Kafka broker as a separate process.
 */
final class FaultLab implements AutoCloseable {

  private final MilvusStandaloneServer source;
  private final MilvusStandaloneServer target;
  private final KafkaBrokerProcess pipelineKafka;
  private final Path directory;

  private FaultLab(MilvusStandaloneServer source, MilvusStandaloneServer target, KafkaBrokerProcess pipelineKafka,
      Path directory) {
    this.source = source;
    this.target = target;
    this.pipelineKafka = pipelineKafka;
    this.directory = directory;
  }

  /** Starts the three servers; if one cannot start, stops those already running. */
  static FaultLab start(Path directory) {
    PythonMilvusEnvironment python = PythonMilvusEnvironment.shared();
    MilvusStandaloneServer source = MilvusStandaloneServer.start(python,
        StandaloneOptions.onKafka(KafkaBroker.shared().bootstrapServers()).withClusterPrefix(Names.unique("faults")));
    MilvusStandaloneServer target = null;
    try {
      target = MilvusStandaloneServer.start(python, StandaloneOptions.onRocksMq());
      return new FaultLab(source, target, KafkaBrokerProcess.start(brokerDirectory(directory)), directory);
    } catch (RuntimeException e) {
      if (target != null) {
        target.close();
      }
      source.close();
      throw e;
    }
  }

  private static Path brokerDirectory(Path directory) {
    try {
      return Files.createTempDirectory(directory, "pipeline-kafka-");
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
    return KafkaBroker.shared().bootstrapServers();
  }

  Path directory() {
    return directory;
  }

  @Override
  public void close() {
    pipelineKafka.close();
    target.close();
    source.close();
  }
}
