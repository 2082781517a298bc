package dev.milvusmigrate.testkit.milvus;

import java.nio.file.Path;

/** A running Milvus server that tests connect to with the Java SDK. */
public interface MilvusServer {

  /** The address for {@code ConnectConfig.builder().uri(...)}, e.g. {@code http://127.0.0.1:41234}. */
  default String uri() {
    return "http://" + host() + ":" + port();
  }

  String host();

  /** The gRPC port. */
  int port();

  /** The server's version, e.g. {@code 2.3.5} or {@code lite-3.2.2}. */
  String version();

  /** The instance's own directory: data, configs and {@code logs/}. */
  Path directory();
}
