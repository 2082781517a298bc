package dev.milvusmigrate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 25: a jar that a build did not finish (here: cut to half its size, as an interrupted
 * {@code mvn package} leaves it) is rebuilt by the launcher, which then runs it. The rebuild is
 * offline ({@code MILVUS_MIGRATE_MAVEN_OPTS=-o}): {@code package} already resolved everything.
 */
class LauncherRebuildIT {

  private static final String SERVICE = "lag-monitor";
  private static final Map<String, String> OFFLINE_BUILD = Map.of("MILVUS_MIGRATE_MAVEN_OPTS", "-o");

  @TempDir
  Path output;

  @Test
  void aJarCutShortIsRebuiltOnceAndThenRun() throws Exception {
    Path jar = LauncherRun.jarOf(SERVICE);
    cutToHalf(jar);

    LauncherRun rebuilt = LauncherRun.of(SERVICE, OFFLINE_BUILD, output, "--help");
    LauncherRun again = LauncherRun.of(SERVICE, OFFLINE_BUILD, output, "--help");

    assertThat(rebuilt.exitCode()).isZero();
    assertThat(rebuilt.stdout()).startsWith("Usage: " + SERVICE);
    assertThat(rebuilt.stderrLines()).anyMatch(line -> line.equals("The jar " + jar
        + " is incomplete (a build was interrupted while writing it); rebuilding it..."));
    assertThat(again.exitCode()).isZero();
    assertThat(again.stderrLines()).noneMatch(line -> line.contains("uilding"));
  }

  private static void cutToHalf(Path jar) throws IOException {
    try (FileChannel channel = FileChannel.open(jar, StandardOpenOption.WRITE)) {
      channel.truncate(channel.size() / 2);
    }
  }
}
