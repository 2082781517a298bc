package dev.milvusmigrate.lag;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateDirectoryTest {

  @Test
  void withoutASettingEachInstanceGetsADirectoryOfItsOwnDeletedWhenItStops() throws Exception {
    StateDirectory first = StateDirectory.of(Optional.empty(), "milvus-migrate-lag-monitor");
    StateDirectory second = StateDirectory.of(Optional.empty(), "milvus-migrate-lag-monitor");
    Files.writeString(first.path().resolve("store"), "state");

    assertThat(first.path()).isNotEqualTo(second.path()).isDirectory()
        .hasParent(Path.of(System.getProperty("java.io.tmpdir")));
    assertThat(first.path().getFileName().toString()).startsWith("milvus-migrate-lag-monitor-state-");
    first.close();
    second.close();
    assertThat(first.path()).doesNotExist();
    assertThat(second.path()).doesNotExist();
  }

  @Test
  void aConfiguredDirectoryIsKeptForTheNextRun(@TempDir Path configured) throws Exception {
    Files.writeString(configured.resolve("store"), "state");

    try (StateDirectory directory = StateDirectory.of(Optional.of(configured), "milvus-migrate-lag-monitor")) {
      assertThat(directory.path()).isEqualTo(configured);
    }

    assertThat(configured.resolve("store")).exists();
  }
}
