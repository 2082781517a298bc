package dev.milvusmigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ConfigurationDocTest {

  @Test
  void documentedSettingsAreTheDeclaredOnes() throws Exception {
    String documented = Files.readString(Path.of("..").resolve(ConfigurationDoc.FILE));

    assertThat(documented)
        .as("docs/CONFIGURATION.md is stale: regenerate it with ConfigurationDoc")
        .isEqualTo(ConfigurationDoc.render());
  }
}
