package dev.milvusmigrate.core.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ServerAddressTest {

  private static final ServerAddress LOCAL = new ServerAddress("localhost", 19530);

  @Test
  void loopbackNamesDefaultPortSchemeAndTrailingSlashesNameOneServer() {
    for (String uri : new String[] {"http://localhost:19530", "127.0.0.1", "http://127.0.0.1:19530/",
        "https://LOCALHOST:19530//", "tcp://[::1]:19530", "grpc://localhost", "localhost:19530"}) {
      assertThat(ServerAddress.parse(uri)).as(uri).contains(LOCAL);
    }
  }

  @Test
  void credentialsAndCaseDoNotCount() {
    assertThat(ServerAddress.parse("http://root:s3cret@Milvus.Example.COM:19531/"))
        .contains(new ServerAddress("milvus.example.com", 19531));
    assertThat(ServerAddress.parse("http://root:s3cret@milvus:19531").orElseThrow().toString())
        .isEqualTo("milvus:19531");
  }

  @Test
  void anotherPortOrHostIsAnotherServer() {
    assertThat(ServerAddress.parse("http://localhost:19531")).isNotEqualTo(Optional.of(LOCAL));
    assertThat(ServerAddress.parse("http://10.0.0.5:19530")).isNotEqualTo(Optional.of(LOCAL));
  }

  @Test
  void textThatIsNotAnAddressNamesNoServer() {
    assertThat(ServerAddress.parse("target")).isEqualTo(ServerAddress.parse("http://target:19530"));
    assertThat(ServerAddress.parse("")).isEmpty();
    assertThat(ServerAddress.parse("ftp://h:1")).isEmpty();
  }

  @Test
  void aJobForAnotherServerFailsWithOneSentenceNamingBothAddresses() {
    MilvusEndpoint configured = MilvusEndpoint.of("http://source-host:19530").withToken("tok-secret");

    assertThat(EndpointMismatch.of("sink-writer", "target", "http://127.0.0.1:19530/", MilvusEndpoint.of(
        "http://localhost"), List.of())).isEmpty();
    assertThat(EndpointMismatch.of("sink-writer", "target", "http://real-target:19530", configured, List.of()))
        .contains(
        "The job's target is http://real-target:19530 but this sink-writer is configured for the target"
            + " http://source-host:19530 (target.uri): nothing was written; run the job with services configured"
            + " for its servers.");
    assertThat(EndpointMismatch.of("snapshot-exporter", "source", "http://u:pw@other:1", configured, List.of())
        .orElseThrow()).contains("http://other:1").doesNotContain("pw").doesNotContain("tok-secret");
  }

  @Test
  void aJobMayNameTheServerByOneOfItsAliases() {
    MilvusEndpoint inContainers = MilvusEndpoint.of("http://milvus-source:19530");
    List<String> aliases = List.of("http://localhost:19530", "http://source.example.com:19530");

    assertThat(EndpointMismatch.of("cdc-capture", "source", "http://127.0.0.1:19530", inContainers, aliases))
        .isEmpty();
    assertThat(EndpointMismatch.of("cdc-capture", "source", "http://localhost:19531", inContainers, aliases))
        .isPresent();
  }
}
