package dev.milvusmigrate.bench;

import dev.milvusmigrate.cli.CliSettings;
import dev.milvusmigrate.cli.InProcessPipeline;
import dev.milvusmigrate.core.domain.JobId;
import dev.milvusmigrate.core.domain.MilvusEndpoint;
import dev.milvusmigrate.milvus.MilvusConnector;
import dev.milvusmigrate.milvus.MilvusSession;
import dev.milvusmigrate.testkit.kafka.KafkaBroker;
import dev.milvusmigrate.testkit.milvus.MilvusStandaloneServer;
import dev.milvusmigrate.testkit.milvus.PythonMilvusEnvironment;
import dev.milvusmigrate.testkit.milvus.StandaloneOptions;
import java.io.PrintStream;
import java.util.Map;
import java.util.Optional;

/**
 * The servers of a zero-downtime benchmark: the run's in-JVM Kafka broker, the source's log on it
 * or on a Pulsar standalone, a Milvus {@value MilvusStandaloneServer#VERSION} source writing its log
 * there and a Milvus target on rocksmq. Their data directories go once the run completed.
 */
final class ZdmLab {

  private ZdmLab() {}

  /** The running servers, and the pipeline and CPU meter of a job between them. */
  record Servers(String bootstrap, SourceLogQueue queue, MilvusStandaloneServer source,
      MilvusStandaloneServer target, MilvusSession sourceSession) {

    /** Every service of a zero-downtime job in this process, capturing the source's log. */
    InProcessPipeline pipeline(JobId job) {
      CliSettings settings = CliSettings.load(null, Map.of(), Map.of("kafka.bootstrap", bootstrap,
          "source.uri", source.uri(), "target.uri", target.uri()));
      return InProcessPipeline.start(settings, job, Optional.of(queue.capture(source.clusterPrefix())));
    }

    CpuMeter cpu() {
      return CpuMeter.of(source.port(), target.port()).withPulsar(queue.directory());
    }
  }

  /** What a benchmark does with the servers. */
  @FunctionalInterface
  interface Body {
    void run(Servers servers) throws Exception;
  }

  /** Starts the servers, runs {@code body} with them, and stops them. */
  static void run(SourceLogQueue.Kind sourceLog, String clusterPrefix, PrintStream out, Body body) throws Exception {
    String bootstrap = KafkaBroker.shared().bootstrapServers();
    ServerDirectories serverDirectories = new ServerDirectories();
    boolean completed = false;
    try (AutoCloseable kafka = KafkaBroker::stopShared;
        SourceLogQueue queue = SourceLogQueue.start(sourceLog, bootstrap, out);
        MilvusStandaloneServer source = serverDirectories.track(MilvusStandaloneServer.start(
            PythonMilvusEnvironment.shared(), queue.sourceOptions().withClusterPrefix(clusterPrefix)));
        MilvusStandaloneServer target = serverDirectories.track(MilvusStandaloneServer.start(
            PythonMilvusEnvironment.shared(), StandaloneOptions.onRocksMq()));
        MilvusSession session = MilvusConnector.connect(MilvusEndpoint.of(source.uri()))) {
      queue.directory().ifPresent(serverDirectories::track);
      out.printf("Source's log: %s%n", queue.describe());
      body.run(new Servers(bootstrap, queue, source, target, session));
      completed = true;
    } finally {
      serverDirectories.remove(completed, out);
    }
  }
}
