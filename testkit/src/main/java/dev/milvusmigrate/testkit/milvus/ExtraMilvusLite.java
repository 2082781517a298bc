package dev.milvusmigrate.testkit.milvus;

import dev.milvusmigrate.testkit.JvmWideServer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * More JVM-wide Milvus Lite servers besides {@link MilvusLiteExtension}'s, one per name, for tests
 * that need two servers (a source and a target that is not the source) or a server no other test
 * writes to. Each is started on first use and stopped when the JVM exits.
 */
public final class ExtraMilvusLite {

  private static final Map<String, JvmWideServer<MilvusLiteServer>> SERVERS = new ConcurrentHashMap<>();

  private ExtraMilvusLite() {}

  public static MilvusLiteServer get(String name) {
    return SERVERS.computeIfAbsent(name, n -> new JvmWideServer<>("milvus-lite-" + n,
        () -> MilvusLiteServer.start(PythonMilvusEnvironment.shared()))).get();
  }
}
