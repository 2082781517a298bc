package dev.milvusmigrate.testkit.milvus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.milvusmigrate.testkit.process.Endpoints;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Standalone on its embedded rocksmq, with a custom channel prefix: nothing of it reaches Kafka. */
class MilvusStandaloneRocksMqIT {

  @Test
  void servesRequestsWithItsWalInRocksMq() throws Exception {
    StandaloneOptions options = StandaloneOptions.onRocksMq().withClusterPrefix("it-rocks");
    try (MilvusStandaloneServer server = MilvusStandaloneServer.start(PythonMilvusEnvironment.shared(), options)) {
      String yaml = Files.readString(server.directory().resolve("configs/milvus.yaml"));

      assertThat(server.kafkaBootstrapServers()).isEmpty();
      assertThat(server.dmlTopicPrefix()).isEqualTo("it-rocks-rootcoord-dml_");
      assertThat(yaml).contains("  type: rocksmq\n", "    cluster: it-rocks\n").doesNotContain("kafka:\n  brokerList");
      assertThat(Endpoints.httpGetOk(server.uri() + "/v1/vector/collections")).isEqualTo("{\"code\":200,\"data\":[]}");
      assertThat(Path.of(server.directory().toString(), "data", "rocksmq")).isDirectory();
    }
  }

  @Test
  void twoInstancesRunSideBySide() {
    StandaloneOptions options = StandaloneOptions.onRocksMq();
    try (MilvusStandaloneServer first = MilvusStandaloneServer.start(PythonMilvusEnvironment.shared(), options);
        MilvusStandaloneServer second = MilvusStandaloneServer.start(PythonMilvusEnvironment.shared(), options)) {
      assertThat(first.uri()).isNotEqualTo(second.uri());
      assertThat(Endpoints.httpGetOk(first.uri() + "/v1/vector/collections")).isEqualTo("{\"code\":200,\"data\":[]}");
      assertThat(Endpoints.httpGetOk(second.uri() + "/v1/vector/collections")).isEqualTo("{\"code\":200,\"data\":[]}");
    }
  }
}
