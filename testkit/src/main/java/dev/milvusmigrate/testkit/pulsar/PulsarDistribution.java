package dev.milvusmigrate.testkit.pulsar;

import dev.milvusmigrate.testkit.milvus.CachedInstall;
import dev.milvusmigrate.testkit.milvus.TestkitCache;
import dev.milvusmigrate.testkit.process.CommandRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The jars of Apache Pulsar's broker ({@code org.apache.pulsar:pulsar-broker}) from Maven Central,
 * copied once into the {@link TestkitCache} by Maven's dependency plugin and reused by every later
 * run, like the Milvus virtualenv: the standalone server runs in a JVM of its own on them.
 */
public final class PulsarDistribution {

  public static final String VERSION = "4.0.7";
  /** The dependency plugin Maven 3.8 binds by default, pinned so the copy does not depend on the Maven on PATH. */
  static final String COPY_DEPENDENCIES = "org.apache.maven.plugins:maven-dependency-plugin:2.8:copy-dependencies";
  static final String MAVEN_VARIABLE = "MILVUS_MIGRATE_MAVEN";

  private static final Logger LOG = LoggerFactory.getLogger(PulsarDistribution.class);
  private static final Duration RESOLVE_TIMEOUT = Duration.ofMinutes(15);
  private static PulsarDistribution shared;

  private final Path home;

  private PulsarDistribution(Path home) {
    this.home = home;
  }

  /** The distribution in the default cache directory, copied on first use on this machine. */
  public static synchronized PulsarDistribution shared() {
    if (shared == null) {
      shared = provision(TestkitCache.directory());
    }
    return shared;
  }

  static PulsarDistribution provision(Path cache) {
    Path home = CachedInstall.ensure(cache, "pulsar-" + VERSION, List.of("org.apache.pulsar:pulsar-broker:" + VERSION),
        PulsarDistribution::install);
    return new PulsarDistribution(home);
  }

  /** Every jar of the broker and its dependencies, for {@code java -cp}. */
  public String classPath() {
    return home.resolve("lib").toString() + "/*";
  }

  private static void install(Path home, Path log) throws IOException {
    long started = System.nanoTime();
    Files.createDirectories(home);
    Path pom = Files.writeString(home.resolve("pom.xml"), """
        <project xmlns="http://maven.apache.org/POM/4.0.0">
          <modelVersion>4.0.0</modelVersion>
          <groupId>dev.milvusmigrate.testkit</groupId>
          <artifactId>pulsar-standalone</artifactId>
          <version>%1$s</version>
          <packaging>pom</packaging>
          <dependencies>
            <dependency>
              <groupId>org.apache.pulsar</groupId>
              <artifactId>pulsar-broker</artifactId>
              <version>%1$s</version>
            </dependency>
          </dependencies>
        </project>
        """.formatted(VERSION));
    LOG.info("Copying Pulsar {} from Maven Central into {} (log: {})", VERSION, home, log);
    CommandRun.run(List.of(maven(), "-B", "-q", "-f", pom.toString(), COPY_DEPENDENCIES,
        "-DoutputDirectory=" + home.resolve("lib"), "-DincludeScope=runtime"), log, RESOLVE_TIMEOUT);
    LOG.info("Pulsar {} ready in {} s", VERSION, (System.nanoTime() - started) / 1_000_000_000.0);
  }

  private static String maven() {
    String configured = System.getenv(MAVEN_VARIABLE);
    return configured == null || configured.isBlank() ? "mvn" : configured;
  }
}
