package dev.milvusmigrate.testkit.milvus;

import dev.milvusmigrate.testkit.JvmWideServer;
import dev.milvusmigrate.testkit.JvmWideServerExtension;
import dev.milvusmigrate.testkit.kafka.KafkaBroker;
import dev.milvusmigrate.testkit.kafka.KafkaBrokerExtension;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Gives tests the JVM-wide {@link MilvusStandaloneServer} 2.3.5, writing its WAL to the test
 * kit's shared Kafka broker ({@link KafkaBroker#shared()}) under the default cluster prefix
 * {@code by-dev}. Declare a parameter of type {@link MilvusStandaloneServer} (or {@link MilvusServer}
 * when this is the only Milvus extension of the class). Stopped when the test plan ends, before
 * the broker.
 */
public final class MilvusStandaloneExtension extends JvmWideServerExtension<MilvusStandaloneServer> {

  private static final JvmWideServer<MilvusStandaloneServer> SERVER = new JvmWideServer<>("milvus-standalone",
      () -> MilvusStandaloneServer.start(PythonMilvusEnvironment.shared(),
          StandaloneOptions.onKafka(KafkaBroker.shared().bootstrapServers())));

  public MilvusStandaloneExtension() {
    super(SERVER, MilvusStandaloneServer.class, MilvusServer.class);
  }

  @Override
  protected void registerDependencies(ExtensionContext context) {
    new KafkaBrokerExtension().beforeAll(context);
  }
}
