package dev.milvusmigrate.testkit.milvus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.milvusmigrate.testkit.process.ChildProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadinessTest {

  @Test
  void serverThatExitsEarlyFailsWithItsExitStatusAndLog(@TempDir Path directory) {
    ChildProcess process = ChildProcess.start("broken", List.of("sh", "-c", "echo starting; echo 'bind failed' >&2; exit 3"),
        Map.of(), directory, Duration.ofSeconds(1));

    assertThatThrownBy(() -> Readiness.awaitServing("Broken server", process, Duration.ofSeconds(30), () -> false))
        .hasMessageContaining("Broken server exited before it became ready")
        .hasMessageContaining("exited with status 3")
        .hasMessageContaining("starting")
        .hasMessageContaining("bind failed");
  }

  @Test
  void serverThatNeverAnswersIsStoppedAndFailsWithItsLog(@TempDir Path directory) throws Exception {
    ChildProcess process = ChildProcess.start("silent", List.of("sh", "-c", "echo waiting; exec sleep 600"),
        Map.of(), directory, Duration.ofSeconds(5));

    assertThatThrownBy(() -> Readiness.awaitServing("Silent server", process, Duration.ofSeconds(2), () -> false))
        .hasMessageContaining("Silent server was not ready within PT2S")
        .hasMessageContaining("waiting");
    assertThat(process.isAlive()).isFalse();
    assertThat(Files.readString(directory.resolve("logs/silent-stdout.log"))).isEqualTo("waiting\n");
  }
}
