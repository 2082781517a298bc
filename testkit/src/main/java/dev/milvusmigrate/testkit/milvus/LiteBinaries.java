package dev.milvusmigrate.testkit.milvus;

import dev.milvusmigrate.testkit.JvmWideServer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * JVM-wide servers of the older Milvus Lite releases ({@link LiteBinaryServer}), one per version
 * and name, each started on first use and stopped when the JVM exits.
 */
public final class LiteBinaries {

  /** The releases the test kit provisions from PyPI. */
  public static final String V2_4_12 = "2.4.12";
  public static final String V2_5_1 = "2.5.1";

  private static final Map<String, JvmWideServer<LiteBinaryServer>> SERVERS = new ConcurrentHashMap<>();

  private LiteBinaries() {}

  public static LiteBinaryServer get(String version, String name) {
    return SERVERS.computeIfAbsent(version + "-" + name, key -> new JvmWideServer<>("milvus-lite-" + key,
        () -> LiteBinaryServer.start(LiteBinaryEnvironment.shared(version)))).get();
  }
}
