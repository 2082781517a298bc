package dev.milvusmigrate.testkit.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaBrokerExtension.class)
class KafkaBrokerIT {

  @Test
  void producesAndConsumesThroughTheRealBroker(KafkaBroker broker) {
    broker.createTopic("kit-plain", 3, Map.of());
    try (KafkaProducer<String, String> producer = producer(broker, Map.of())) {
      for (int i = 0; i < 30; i++) {
        producer.send(new ProducerRecord<>("kit-plain", "key-" + i, "value-" + i));
      }
    }

    List<ConsumerRecord<String, String>> records = consumeAll(broker, "kit-plain", "read_uncommitted", 30);

    assertThat(records).extracting(ConsumerRecord::value)
        .containsExactlyInAnyOrderElementsOf(IntStream.range(0, 30).mapToObj(i -> "value-" + i).toList());
    assertThat(records).extracting(ConsumerRecord::partition).containsOnly(0, 1, 2);
  }

  @Test
  void abortedTransactionsAreInvisibleToReadCommittedConsumers(KafkaBroker broker) {
    broker.createTopic("kit-tx", 1, Map.of());
    try (KafkaProducer<String, String> producer = producer(broker, Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "kit-tx-1"))) {
      producer.initTransactions();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>("kit-tx", "k", "aborted"));
      producer.abortTransaction();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>("kit-tx", "k", "committed"));
      producer.commitTransaction();
    }

    List<ConsumerRecord<String, String>> records = consumeAll(broker, "kit-tx", "read_committed", 1);

    assertThat(records).extracting(ConsumerRecord::value).containsExactly("committed");
  }

  @Test
  void theSharedBrokerIsTheInjectedOne(KafkaBroker broker) {
    assertThat(KafkaBroker.shared()).isSameAs(broker);
    assertThat(broker.bootstrapServers()).matches("[\\w.-]+:\\d+(,[\\w.-]+:\\d+)*");
  }

  private static KafkaProducer<String, String> producer(KafkaBroker broker, Map<String, Object> extra) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    props.putAll(extra);
    return new KafkaProducer<>(props);
  }

  private static List<ConsumerRecord<String, String>> consumeAll(KafkaBroker broker, String topic, String isolation, int expected) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "kit-" + topic);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    List<ConsumerRecord<String, String>> records = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
      consumer.subscribe(List.of(topic));
      await().atMost(Duration.ofSeconds(60)).until(() -> {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
        return records.size() >= expected;
      });
    }
    return records;
  }
}
