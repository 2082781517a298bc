package dev.milvusmigrate.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.milvusmigrate.core.domain.TopicNames;
import dev.milvusmigrate.schemas.avro.CommandType;
import dev.milvusmigrate.schemas.avro.ControlCommand;
import dev.milvusmigrate.schemas.avro.Notification;
import dev.milvusmigrate.schemas.avro.NotificationKind;
import dev.milvusmigrate.schemas.serde.AvroSerde;
import dev.milvusmigrate.schemas.serde.JsonSerde;
import dev.milvusmigrate.testkit.kafka.KafkaBroker;
import dev.milvusmigrate.testkit.kafka.KafkaBrokerExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Foreign records between real ones on a real broker: each lands on the dead-letter topic with its
 * bytes and where it came from, the consumer receives every real record and its group can commit
 * past the foreign ones.
 */
@ExtendWith(KafkaBrokerExtension.class)
class DeadLettersIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  @Test
  void foreignRecordsGoToTheDeadLetterTopicAndTheConsumerContinues(KafkaBroker broker) throws Exception {
    TopicNames topics = new TopicNames("dlt-" + UUID.randomUUID().toString().substring(0, 8));
    KafkaClients clients = new KafkaClients(broker.bootstrapServers(), Map.of());
    new TopicProvisioner(clients, topics, (short) 1).ensureSharedTopics();
    String topic = topics.control();
    byte[] garbage = "not json at all, just text".getBytes(StandardCharsets.UTF_8);
    byte[] otherContract = AvroSerde.of(Notification.class).serializer().serialize(topic, Notification.newBuilder()
        .setId("n").setJobId("job-1").setKind(NotificationKind.ERROR).setMessage("m").setAt(1L).build());
    byte[] truncated = Arrays.copyOf(JsonSerde.of(ControlCommand.class).serializer().serialize(topic, command("cut")),
        14);
    try (KafkaProducer<byte[], byte[]> raw = clients.rawProducer("it-raw")) {
      raw.send(new ProducerRecord<>(topic, key("a"), encode(topic, command("first")))).get();
      raw.send(new ProducerRecord<>(topic, key("b"), garbage)).get();
      raw.send(new ProducerRecord<>(topic, key("c"), otherContract)).get();
      raw.send(new ProducerRecord<>(topic, key("d"), truncated)).get();
      raw.send(new ProducerRecord<>(topic, key("e"), null)).get();
      raw.send(new ProducerRecord<>(topic, key("f"), encode(topic, command("last")))).get();
    }

    List<String> received = new ArrayList<>();
    TopicPartition partition = new TopicPartition(topic, 0);
    try (KafkaConsumer<String, ControlCommand> consumer = clients.consumer(ControlCommand.class, "it-dlt", "it-dlt");
        DeadLetters deadLetters = new DeadLetters(clients, topics.deadLetters(), "it-dlt")) {
      consumer.subscribe(List.of(topic));
      await("both real commands").atMost(TIMEOUT).until(() -> {
        for (ConsumerRecord<String, ControlCommand> record : deadLetters.poll(consumer, Duration.ofMillis(200))) {
          received.add(record.value().getCommandId().toString());
          consumer.commitSync(Map.of(partition, new OffsetAndMetadata(
              record.offset() + 1)));
        }
        return received.size() >= 2;
      });
      assertThat(consumer.committed(Set.of(partition)).get(partition).offset()).isEqualTo(6);
    }
    assertThat(received).containsExactly("first", "last");

    List<ConsumerRecord<byte[], byte[]>> dead = broker.awaitRecords(topics.deadLetters(), 4, TIMEOUT);
    assertThat(dead).extracting(r -> new String(r.key(), StandardCharsets.UTF_8)).containsExactly("b", "c", "d", "e");
    assertThat(dead.get(0).value()).isEqualTo(garbage);
    assertThat(dead.get(1).value()).isEqualTo(otherContract);
    assertThat(dead.get(2).value()).isEqualTo(truncated);
    assertThat(dead.get(3).value()).isNull();
    for (int i = 0; i < 4; i++) {
      assertThat(header(dead.get(i), DeadLetters.TOPIC_HEADER)).isEqualTo(topic);
      assertThat(header(dead.get(i), DeadLetters.PARTITION_HEADER)).isEqualTo("0");
      assertThat(header(dead.get(i), DeadLetters.OFFSET_HEADER)).isEqualTo(Integer.toString(i + 1));
    }
    assertThat(header(dead.get(0), DeadLetters.MESSAGE_HEADER)).contains("not JSON");
    assertThat(header(dead.get(1), DeadLetters.MESSAGE_HEADER)).contains("the bytes hold a Notification");
    assertThat(header(dead.get(2), DeadLetters.MESSAGE_HEADER)).contains("end-of-input");
    assertThat(header(dead.get(3), DeadLetters.MESSAGE_HEADER)).contains("no value");
  }

  private static ControlCommand command(String id) {
    return ControlCommand.newBuilder().setCommandId(id).setJobId("job-1").setType(CommandType.CANCEL)
        .setWritesStoppedConfirmed(false).setIssuedAt(1L).build();
  }

  private static byte[] encode(String topic, ControlCommand command) {
    return JsonSerde.of(ControlCommand.class).serializer().serialize(topic, command);
  }

  private static byte[] key(String key) {
    return key.getBytes(StandardCharsets.UTF_8);
  }

  private static String header(ConsumerRecord<?, ?> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

}
