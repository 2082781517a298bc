package dev.milvusmigrate.testkit.milvus;

import dev.milvusmigrate.testkit.JvmWideServer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * JVM-wide Milvus 2.2.16 standalone servers ({@link Milvus22StandaloneServer}) on rocksmq, one per
 * name, each started on first use and stopped when the JVM exits.
 */
public final class Milvus22Standalones {

  private static final Map<String, JvmWideServer<Milvus22StandaloneServer>> SERVERS = new ConcurrentHashMap<>();

  private Milvus22Standalones() {}

  public static Milvus22StandaloneServer get(String name) {
    return SERVERS.computeIfAbsent(name, n -> new JvmWideServer<>("milvus-" + Milvus22Environment.VERSION + "-" + n,
        () -> Milvus22StandaloneServer.start(Milvus22Environment.shared(), StandaloneOptions.onRocksMq()))).get();
  }
}
