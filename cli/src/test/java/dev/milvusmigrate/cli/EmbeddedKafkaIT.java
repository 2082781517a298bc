package dev.milvusmigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.milvusmigrate.core.domain.TopicNames;
import dev.milvusmigrate.kafka.KafkaClients;
import dev.milvusmigrate.kafka.TopicProvisioner;
import dev.milvusmigrate.schemas.avro.CommandType;
import dev.milvusmigrate.schemas.avro.ControlCommand;
import dev.milvusmigrate.schemas.serde.AvroTrust;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class EmbeddedKafkaIT {

  @Test
  void startsABrokerThatTakesTransactionsAndDeletesItsDataWhenClosed() throws Exception {
    AvroTrust.install();
    TopicNames topics = new TopicNames("embedded-it");
    ControlCommand command = ControlCommand.newBuilder().setCommandId("c1").setJobId("j1")
        .setType(CommandType.CANCEL).setIssuedAt(1L).build();
    Path dataDir;
    List<ControlCommand> seen = new ArrayList<>();

    try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
      KafkaClients clients = new KafkaClients(kafka.bootstrapServers(), Map.of());
      new TopicProvisioner(clients, topics, (short) 1).ensureSharedTopics();
      try (KafkaProducer<String, ControlCommand> producer = clients.transactionalProducer(ControlCommand.class, "t1")) {
        producer.beginTransaction();
        producer.send(new ProducerRecord<>(topics.control(), "j1", command));
        producer.commitTransaction();
      }
      try (KafkaConsumer<String, ControlCommand> consumer = clients.consumer(ControlCommand.class, "g1", "c1")) {
        consumer.subscribe(List.of(topics.control()));
        await().atMost(Duration.ofSeconds(60)).until(() -> {
          consumer.poll(Duration.ofMillis(200)).forEach(r -> seen.add(r.value()));
          return !seen.isEmpty();
        });
      }
      assertThat(kafka.bootstrapServers()).startsWith("127.0.0.1:");
      dataDir = kafka.directory();
      assertThat(dataDir.resolve("data")).isDirectory();
    }

    assertThat(seen).containsExactly(command);
    assertThat(Files.exists(dataDir)).isFalse();
  }
}
