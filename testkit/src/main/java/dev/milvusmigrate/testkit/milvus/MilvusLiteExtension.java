package dev.milvusmigrate.testkit.milvus;

import dev.milvusmigrate.testkit.JvmWideServer;
import dev.milvusmigrate.testkit.JvmWideServerExtension;

/**
 * Gives tests the JVM-wide {@link MilvusLiteServer}: declare a parameter of that type (or of
 * {@link MilvusServer} when this is the only Milvus extension of the class). It is started on
 * first use and stopped when the whole test plan has finished.
 */
public final class MilvusLiteExtension extends JvmWideServerExtension<MilvusLiteServer> {

  private static final JvmWideServer<MilvusLiteServer> SERVER =
      new JvmWideServer<>("milvus-lite", () -> MilvusLiteServer.start(PythonMilvusEnvironment.shared()));

  public MilvusLiteExtension() {
    super(SERVER, MilvusLiteServer.class, MilvusServer.class);
  }
}
