package dev.milvusmigrate.testkit.milvus;

import java.nio.file.Path;

/** Where provisioned servers are kept between test runs. */
public final class TestkitCache {

  static final String PROPERTY = "milvus.testkit.cache";
  static final String ENVIRONMENT_VARIABLE = "MILVUS_MIGRATE_TESTKIT_CACHE";

  private TestkitCache() {
  }

  /** System property {@value #PROPERTY}, else env {@value #ENVIRONMENT_VARIABLE}, else ~/.cache/milvus-migrate. */
  public static Path directory() {
    String configured = System.getProperty(PROPERTY);
    if (isBlank(configured)) {
      configured = System.getenv(ENVIRONMENT_VARIABLE);
    }
    if (isBlank(configured)) {
      return Path.of(System.getProperty("user.home"), ".cache", "milvus-migrate");
    }
    return Path.of(configured);
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }
}
