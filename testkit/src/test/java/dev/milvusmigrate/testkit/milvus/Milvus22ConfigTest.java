package dev.milvusmigrate.testkit.milvus;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Milvus22ConfigTest {

  /** The lines of the 2.2.16 template the rendering depends on. */
  private static final String TEMPLATE = """
      etcd:
        endpoints:
          - localhost:{{ etcd_port(int): 2379 }}
        use:
          # please adjust in embedded Milvus: true
          embed: true
      pulsar:
        address: localhost # Address of pulsar
      kafka:
      #  brokerList: localhost1:9092,localhost2:9092,localhost3:9092
      rocksmq:
        path: {{ rocketmq_data_dir }} # The path where the message is stored in rocksmq
      proxy:
        port: {{ proxy_port(int): 19530 }}
      log:
        level: {{ system_log_level: debug }}
      common:
        chanNamePrefix:
          cluster: "by-dev"
      """;

  @TempDir
  Path directory;

  @Test
  void onKafkaTheRocksMqPathAndPulsarAddressAreEmptiedAndTheBrokersFilledIn() throws IOException {
    String yaml = render(StandaloneOptions.onKafka("127.0.0.1:9999").withClusterPrefix("mm"));

    assertThat(yaml).contains("  path: \"\" # The path", "  address: \"\"\n", "  brokerList: 127.0.0.1:9999\n",
        "cluster: \"mm\"", "  level: info\n", "  config:\n    path: " + directory.resolve("configs/embedEtcd.yaml"));
    assertThat(Files.readString(directory.resolve("configs/embedEtcd.yaml")))
        .contains("listen-client-urls: http://127.0.0.1:").doesNotContain(":2379");
  }

  @Test
  void onRocksMqItsPathIsTheInstanceDirectoryAndNoBrokerIsSet() throws IOException {
    String yaml = render(StandaloneOptions.onRocksMq());

    assertThat(yaml).contains("  path: " + directory.resolve("data/rocksmq"), "#  brokerList:",
        "cluster: \"by-dev\"").doesNotContain("19530");
  }

  private String render(StandaloneOptions options) throws IOException {
    Path distribution = Files.createDirectories(directory.resolve("distribution"));
    Files.writeString(distribution.resolve("config.yaml.template"), TEMPLATE);
    return Files.readString(Milvus22Config.write(distribution, directory, StandalonePorts.allocate(), options)
        .resolve("milvus.yaml"));
  }
}
