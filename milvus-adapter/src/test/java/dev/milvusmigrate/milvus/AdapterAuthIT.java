package dev.milvusmigrate.milvus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.milvusmigrate.core.domain.MilvusEndpoint;
import dev.milvusmigrate.testkit.milvus.MilvusStandaloneServer;
import dev.milvusmigrate.testkit.milvus.PythonMilvusEnvironment;
import dev.milvusmigrate.testkit.milvus.StandaloneOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A Milvus 2.3.5 server that requires authentication: bad credentials fail at connect, clearly. */
class AdapterAuthIT {

  private static final String WRONG_PASSWORD = "not-the-password-7731";
  private static MilvusStandaloneServer server;

  @BeforeAll
  static void startServerWithAuthorization() {
    server = MilvusStandaloneServer.start(PythonMilvusEnvironment.shared(),
        StandaloneOptions.onRocksMq().withAuthorization());
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @Test
  void rightCredentialsConnect() {
    MilvusEndpoint endpoint = MilvusEndpoint.of(server.uri()).withUser("root", StandaloneOptions.ROOT_PASSWORD);
    try (MilvusSession session = MilvusConnector.connect(endpoint)) {
      assertThat(session.catalog().listDatabases()).contains("default");
    }
  }

  @Test
  void wrongPasswordIsRefusedWithoutShowingIt() {
    MilvusEndpoint endpoint = MilvusEndpoint.of(server.uri()).withUser("root", WRONG_PASSWORD);

    assertThatThrownBy(() -> MilvusConnector.connect(endpoint))
        .isInstanceOfSatisfying(MilvusAccessException.class,
            e -> assertThat(e.kind()).isEqualTo(MilvusAccessException.Kind.UNAUTHENTICATED))
        .hasMessageContaining(endpoint.label())
        .hasMessageNotContaining(WRONG_PASSWORD);
  }

  @Test
  void missingCredentialsAreRefused() {
    assertThatThrownBy(() -> MilvusConnector.connect(MilvusEndpoint.of(server.uri())))
        .isInstanceOfSatisfying(MilvusAccessException.class,
            e -> assertThat(e.kind()).isEqualTo(MilvusAccessException.Kind.UNAUTHENTICATED));
  }
}
