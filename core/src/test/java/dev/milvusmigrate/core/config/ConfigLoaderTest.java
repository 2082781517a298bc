package dev.milvusmigrate.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

  private static final ConfigKey<String> URI = ConfigKey.string("source.uri", null, "Source Milvus URI.");
  private static final ConfigKey<String> TOKEN = ConfigKey.string("source.token", "", "Source token.").secret();
  private static final ConfigKey<Integer> BATCH = ConfigKey.integer("batch.rows", 1000, 1, 100_000, "Rows per batch.");
  private static final ConfigKey<Duration> HOLD = ConfigKey.duration("lag.hold", "30s", "Hold time.");
  private static final ConfigKey<Boolean> LOAD = ConfigKey.bool("load", false, "Load at the end.");

  private final ConfigLoader loader = new ConfigLoader(new ConfigSpec("test-service", List.of(URI, TOKEN, BATCH, HOLD, LOAD)));

  @Test
  void overrideBeatsEnvironmentBeatsFileBeatsDefault() {
    Config config = loader.load(
        Map.of("source.uri", "http://file:19530", "batch.rows", "10", "lag.hold", "PT1M"),
        Map.of("MILVUS_MIGRATE_SOURCE_URI", "http://env:19530", "MILVUS_MIGRATE_BATCH_ROWS", "20"),
        Map.of("batch.rows", "30"));

    assertThat(config.get(URI)).isEqualTo("http://env:19530");
    assertThat(config.get(BATCH)).isEqualTo(30);
    assertThat(config.get(HOLD)).isEqualTo(Duration.ofMinutes(1));
    assertThat(config.get(LOAD)).isFalse();
  }

  @Test
  void readsShortDurations() {
    Config config = loader.load(Map.of("source.uri", "u", "lag.hold", "7d"), Map.of(), Map.of());
    assertThat(config.get(HOLD)).isEqualTo(Duration.ofDays(7));
    config = loader.load(Map.of("source.uri", "u", "lag.hold", "250ms"), Map.of(), Map.of());
    assertThat(config.get(HOLD)).isEqualTo(Duration.ofMillis(250));
  }

  @Test
  void missingRequiredSettingNamesKeyAndEnvironmentVariable() {
    assertThatThrownBy(() -> loader.load(Map.of(), Map.of(), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessage("Missing required setting 'source.uri' for test-service: set it in the config file"
            + " or the environment variable MILVUS_MIGRATE_SOURCE_URI.");
  }

  @Test
  void badValueSaysWhatIsExpected() {
    assertThatThrownBy(() -> loader.load(Map.of("source.uri", "u", "batch.rows", "0"), Map.of(), Map.of()))
        .hasMessage("Setting 'batch.rows' has an invalid value '0': expected a whole number from 1 to 100000.");
    assertThatThrownBy(() -> loader.load(Map.of("source.uri", "u", "load", "yes"), Map.of(), Map.of()))
        .hasMessage("Setting 'load' has an invalid value 'yes': expected true or false.");
  }

  @Test
  void unknownKeyInFileIsRejected() {
    assertThatThrownBy(() -> loader.load(Map.of("source.uri", "u", "sorce.token", "x"), Map.of(), Map.of()))
        .hasMessageContaining("Unknown setting 'sorce.token'");
  }

  @Test
  void credentialsInAUrlAreNeverShown() {
    Config config = loader.load(Map.of("source.uri", "http://admin:s3cr3t@milvus:19530"), Map.of(), Map.of());

    assertThat(config.describe()).contains("source.uri=http://****@milvus:19530").doesNotContain("s3cr3t", "admin");
  }

  @Test
  void secretsAreNeverShown() {
    Config config = loader.load(Map.of("source.uri", "u"), Map.of("MILVUS_MIGRATE_SOURCE_TOKEN", "s3cr3t"), Map.of());
    assertThat(config.get(TOKEN)).isEqualTo("s3cr3t");
    assertThat(config.describe()).contains("source.token=****").doesNotContain("s3cr3t");

    ConfigKey<Integer> secretNumber = ConfigKey.integer("pin", 1, 1, 9, "A secret number.").secret();
    ConfigLoader strict = new ConfigLoader(new ConfigSpec("s", List.of(secretNumber)));
    assertThatThrownBy(() -> strict.load(Map.of("pin", "hunter2"), Map.of(), Map.of()))
        .hasMessage("Setting 'pin' has an invalid value: expected a whole number from 1 to 9.");
  }

  @Test
  void readsAPropertiesFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("service.properties");
    Files.writeString(file, "source.uri=http://from-file:19530\nbatch.rows=77\n");

    Config config = loader.load(file, Map.of());

    assertThat(config.get(BATCH)).isEqualTo(77);
    assertThatThrownBy(() -> loader.load(dir.resolve("missing.properties"), Map.of()))
        .hasMessageStartingWith("Cannot read the config file");
  }

  @Test
  void documentsEveryKeyAsMarkdown() {
    String table = new ConfigSpec("s", List.of(URI, BATCH)).toMarkdown();
    assertThat(table).contains("| `source.uri` | `MILVUS_MIGRATE_SOURCE_URI` | (required) | Source Milvus URI. |")
        .contains("| `batch.rows` | `MILVUS_MIGRATE_BATCH_ROWS` | `1000` | Rows per batch. |");
  }
}
