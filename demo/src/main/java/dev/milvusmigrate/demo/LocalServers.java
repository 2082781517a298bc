package dev.milvusmigrate.demo;

import dev.milvusmigrate.cli.EmbeddedKafka;
import dev.milvusmigrate.testkit.milvus.MilvusServer;
import dev.milvusmigrate.testkit.milvus.MilvusStandaloneServer;
import dev.milvusmigrate.testkit.milvus.PythonMilvusEnvironment;
import dev.milvusmigrate.testkit.milvus.StandaloneOptions;
import dev.milvusmigrate.testkit.milvus.TestkitCache;
import org.apache.commons.io.FileUtils;

/**
 * The servers of the demo: the CLI's embedded Kafka broker, a Milvus 2.3.5 standalone source whose
 * message queue is that broker (so its log can be captured), and a Milvus 2.3.5 standalone target
 * on its own embedded message queue. Each is registered with the {@link Cleanup} as soon as it
 * runs, together with the deletion of its data directory.
 *
 * <p>Not Milvus Lite as the target, though it starts faster: Lite reports every collection as
 * STRONG whatever its consistency level, and the zero-downtime sink refuses such a target
 * collection for a source collection with the default (BOUNDED) level.
 */
final class LocalServers {

  /** {@code common.chanNamePrefix.cluster} of the source: its log topics are {@code demo-source-rootcoord-dml_*}. */
  static final String SOURCE_PREFIX = "demo-source";

  private final EmbeddedKafka kafka;
  private final MilvusStandaloneServer source;
  private final MilvusStandaloneServer target;

  private LocalServers(EmbeddedKafka kafka, MilvusStandaloneServer source, MilvusStandaloneServer target) {
    this.kafka = kafka;
    this.source = source;
    this.target = target;
  }

  static LocalServers start(Cleanup cleanup, Narration narration) {
    long started = System.nanoTime();
    EmbeddedKafka kafka = cleanup.add(EmbeddedKafka.start());
    narration.say("Kafka broker    %s (embedded, in this process)", kafka.bootstrapServers());
    narration.say("Milvus servers  installing or reusing them in %s (the first run installs them from PyPI: about"
        + " 1-2 minutes)", TestkitCache.directory());
    PythonMilvusEnvironment environment = PythonMilvusEnvironment.shared();
    MilvusStandaloneServer source = started(cleanup, MilvusStandaloneServer.start(environment,
        StandaloneOptions.onKafka(kafka.bootstrapServers()).withClusterPrefix(SOURCE_PREFIX)));
    narration.say("Source          Milvus %s at %s, its log on the broker (topics %s*)", source.version(),
        source.uri(), source.dmlTopicPrefix());
    MilvusStandaloneServer target = started(cleanup, MilvusStandaloneServer.start(environment,
        StandaloneOptions.onRocksMq()));
    narration.say("Target          Milvus %s at %s", target.version(), target.uri());
    narration.say("Servers ready in %s.", Narration.seconds(started));
    return new LocalServers(kafka, source, target);
  }

  private static <S extends MilvusServer & AutoCloseable> S started(Cleanup cleanup, S server) {
    cleanup.add(() -> FileUtils.deleteDirectory(server.directory().toFile()));
    return cleanup.add(server);
  }

  String kafka() {
    return kafka.bootstrapServers();
  }

  MilvusStandaloneServer source() {
    return source;
  }

  MilvusStandaloneServer target() {
    return target;
  }
}
