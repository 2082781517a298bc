package dev.milvusmigrate.testkit.milvus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Only an environment whose marker was written counts as provisioned. The interpreter given here is
 * {@code false}, so an attempt to (re)install fails at once instead of downloading anything.
 */
class PythonMilvusEnvironmentTest {

  private static final String NO_PYTHON = "false";

  @TempDir
  Path cache;

  @Test
  void anEnvironmentWithoutItsMarkerIsInstalledAgainNotTakenAsReady() throws Exception {
    Path leftover = Files.createDirectories(PythonMilvusEnvironment.homeIn(cache).resolve("bin")).resolve("python");
    Files.writeString(leftover, "half an install");

    assertThatThrownBy(() -> PythonMilvusEnvironment.provision(cache, NO_PYTHON))
        .hasMessageStartingWith("Exit status 1: false -m venv");
    assertThat(leftover).doesNotExist();
  }

  @Test
  void anEnvironmentWithItsMarkerIsReusedAsItIs() throws Exception {
    Path home = Files.createDirectories(PythonMilvusEnvironment.homeIn(cache));
    Files.writeString(home.resolve(CachedInstall.COMPLETE_MARKER), "done\n");

    assertThat(PythonMilvusEnvironment.provision(cache, NO_PYTHON).home()).isEqualTo(home);
  }
}
