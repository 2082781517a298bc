package dev.milvusmigrate.testkit.milvus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.milvusmigrate.testkit.process.Endpoints;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each older Milvus Lite release is provisioned from PyPI and serves on its own port and database file. */
class LiteBinaryServerIT {

  @ParameterizedTest
  @ValueSource(strings = {LiteBinaries.V2_4_12, LiteBinaries.V2_5_1})
  void servesOverTcpFromItsOwnDatabaseFile(String version) {
    try (LiteBinaryServer server = LiteBinaryServer.start(LiteBinaryEnvironment.shared(version))) {
      assertThat(Endpoints.acceptsConnections(server.host(), server.port())).isTrue();
      assertThat(server.version()).isEqualTo("lite-" + version);
      assertThat(server.directory().resolve("milvus.db")).exists();
      assertThat(LiteBinaryEnvironment.shared(version).libraryDirectory().toString())
          .contains("milvus-lite-" + version);
    }
  }
}
