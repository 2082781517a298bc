package dev.milvusmigrate.testkit.milvus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.milvusmigrate.testkit.kafka.KafkaBroker;
import dev.milvusmigrate.testkit.python.PyMilvus;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Milvus 2.2.16 from PyPI writes its log to Kafka when configured so, on its one DML channel. */
class Milvus22StandaloneServerIT {

  @Test
  void writesItsDmlToTheOneChannelTopicOnKafka() throws Exception {
    KafkaBroker broker = KafkaBroker.shared();
    StandaloneOptions options = StandaloneOptions.onKafka(broker.bootstrapServers()).withClusterPrefix("it22");
    try (Milvus22StandaloneServer server = Milvus22StandaloneServer.start(Milvus22Environment.shared(), options)) {
      PyMilvus.shared().run(PyMilvus.script("milvus22_collections.py"), Duration.ofMinutes(2),
          List.of("create", "--uri", server.uri(), "--collection", "on_kafka", "--rows", "20"));

      assertThat(server.dmlTopic()).isEqualTo("it22-rootcoord-dml_0");
      assertThat(broker.awaitRecords(server.dmlTopic(), 2, Duration.ofMinutes(1))).hasSizeGreaterThanOrEqualTo(2);
      assertThat(server.directory().resolve("data/rocksmq")).doesNotExist();
      assertThat(Files.readString(server.directory().resolve("configs/milvus.yaml")))
          .contains("  brokerList: " + broker.bootstrapServers() + "\n");
    }
  }
}
