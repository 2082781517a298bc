package dev.milvusmigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** The proxy command's bad input: exit 2 and one sentence, before anything listens. */
class ProxyCommandTest {

  @Test
  void withoutASourceItNamesTheOptionAndTheEnvironmentVariable() {
    CliRun run = CliRun.of("proxy", "--listen", "127.0.0.1:0");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().strip())
        .isEqualTo("Missing the source address: give --source URI or set MILVUS_MIGRATE_SOURCE_URI.");
  }

  @Test
  void withoutKafkaItSaysWhyItIsNeeded() {
    CliRun run = CliRun.of("proxy", "--source", "http://s:19530", "--listen", "127.0.0.1:0");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().strip()).isEqualTo("Missing Kafka, where the proxy records every write before answering"
        + " it: give --kafka BOOTSTRAP or set MILVUS_MIGRATE_KAFKA_BOOTSTRAP.");
  }

  @Test
  void aListenAddressWithoutPortIsBadInput() {
    CliRun run = CliRun.of("proxy", "--kafka", "localhost:9092", "--source", "http://s:19530", "--listen",
        "localhost");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("proxy.listen");
  }

  @Test
  void aCertificateWithoutItsKeyIsBadInput() {
    CliRun run = CliRun.of("proxy", "--kafka", "localhost:9092", "--source", "http://s:19530", "--listen",
        "127.0.0.1:0", "--tls-cert", "proxy.pem");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().strip())
        .isEqualTo("Set both proxy.tls.cert and proxy.tls.key for TLS, or neither for plain text.");
  }

  @Test
  void aTargetThatIsNoAddressIsBadInput() {
    CliRun run = CliRun.of("proxy", "--kafka", "localhost:9092", "--source", "http://s:19530", "--listen",
        "127.0.0.1:0", "--target", "target:19530:x");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().strip()).startsWith("target.uri: The Milvus address 'target:19530:x' is not valid");
  }

  @Test
  void aPortInUseIsBadInput() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      CliRun run = CliRun.of("proxy", "--kafka", "localhost:9092", "--source", "http://s:19530", "--listen",
          "127.0.0.1:" + taken.getLocalPort());

      assertThat(run.exitCode()).isEqualTo(2);
      assertThat(run.err()).startsWith("Cannot listen on");
    }
  }
}
