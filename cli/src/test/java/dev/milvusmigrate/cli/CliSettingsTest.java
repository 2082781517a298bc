package dev.milvusmigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.milvusmigrate.core.domain.MilvusEndpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliSettingsTest {

  @Test
  void optionWinsOverEnvironmentWhichWinsOverTheFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("c.properties");
    Files.writeString(file, "source.uri=http://file:1\nsource.token=from-file\ntarget.uri=http://file:2\n"
        + "target.user=file-user\ntarget.password=file-pass\n");
    Map<String, String> overrides = new HashMap<>();
    overrides.put("source.uri", "http://option:1");
    overrides.put("target.uri", null);

    CliSettings settings = CliSettings.load(file, Map.of("MILVUS_MIGRATE_SOURCE_TOKEN", "from-env"), overrides);

    MilvusEndpoint source = settings.source();
    MilvusEndpoint target = settings.target();
    assertThat(source.label()).isEqualTo("http://option:1");
    assertThat(source.authorization()).isEqualTo("from-env");
    assertThat(target.label()).isEqualTo("http://file:2");
    assertThat(target.authorization()).isEqualTo("file-user:file-pass");
    assertThat(target.toString()).doesNotContain("file-pass");
  }

  @Test
  void aMilvusLiteDatabaseFileAsTheSourceIsAnsweredWithTheCommandThatServesIt(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("milvus.db"), "lite data");
    CliSettings settings = CliSettings.load(null, Map.of(), Map.of("source.uri", file.toString()));

    assertThatThrownBy(settings::source).isInstanceOfSatisfying(CliFailure.class,
        failure -> assertThat(failure.exitCode()).isEqualTo(2))
        .hasMessage("--source " + file + " is a file, not a server: serve a Milvus Lite database file with the"
            + " milvus-lite that made it, e.g. LD_LIBRARY_PATH=$LIB $LIB/milvus " + file + " 127.0.0.1:19530 INFO"
            + " (LIB: the milvus_lite/lib directory of that install; see the README), and give --source"
            + " http://127.0.0.1:19530.");
  }

  @Test
  void httpsAndACaCertificateTurnTlsOn() {
    CliSettings settings = CliSettings.load(null, Map.of(), Map.of("source.uri", "https://s:443", "target.uri",
        "http://t:19530", "target.tls.ca-cert", "/etc/ca.pem"));

    assertThat(settings.source().tls().enabled()).isTrue();
    assertThat(settings.target().tls().enabled()).isTrue();
    assertThat(settings.target().tls().caCertPath()).isEqualTo("/etc/ca.pem");
  }

  @Test
  void servicesGetTheResolvedSettingsUnderTheirOwnKeys() {
    CliSettings settings = CliSettings.load(null, Map.of("MILVUS_MIGRATE_TARGET_PASSWORD", "pw"),
        Map.of("target.uri", "http://t:19530", "target.user", "root"));

    assertThat(settings.serviceSettings(CliSettings.TARGET)).containsEntry("target.uri", "http://t:19530")
        .containsEntry("target.user", "root").containsEntry("target.password", "pw")
        .containsEntry("target.token", "").containsEntry("target.tls.ca-cert", "");
    assertThat(settings.kafka()).isEmpty();
    assertThat(settings.topics().prefix()).isEqualTo("milvus-migrate");
  }
}
