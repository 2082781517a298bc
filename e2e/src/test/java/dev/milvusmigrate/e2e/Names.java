package dev.milvusmigrate.e2e;

import java.util.UUID;

/** Unique names, so tests sharing a server or a broker never see each other's data. */
final class Names {

  private Names() {}

  /** {@code prefix_} and 10 hex digits: a valid Milvus database name, job id and topic prefix. */
  static String unique(String prefix) {
    return prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
  }
}
