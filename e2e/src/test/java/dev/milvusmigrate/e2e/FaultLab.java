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

  static FaultLab start(Path directory) {
    PythonMilvusEnvironment python = PythonMilvusEnvironment.shared();
    MilvusStandaloneServer source = MilvusStandaloneServer.start(python,
        StandaloneOptions.onKafka(KafkaBroker.shared().bootstrapServers()).withClusterPrefix(Names.unique("faults")));
    MilvusStandaloneServer target = MilvusStandaloneServer.start(python, StandaloneOptions.onRocksMq());
    try {
      Path kafka = Files.createTempDirectory(directory, "pipeline-kafka-");
      return new FaultLab(source, target, KafkaBrokerProcess.start(kafka), directory);
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
