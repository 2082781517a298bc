package dev.milvusmigrate.testkit.milvus;

import dev.milvusmigrate.testkit.JvmWideServer;

/**
 * A second JVM-wide Milvus Lite, besides {@link MilvusLiteExtension}'s, for tests that need two
 * servers (a source and a target that is not the source). Started on first use, stopped when the
 * JVM exits.
 */
public final class SecondMilvusLite {

  private static final JvmWideServer<MilvusLiteServer> SERVER =
      new JvmWideServer<>("milvus-lite-second", () -> MilvusLiteServer.start(PythonMilvusEnvironment.shared()));

  private SecondMilvusLite() {}

  public static MilvusLiteServer get() {
    return SERVER.get();
  }
}
