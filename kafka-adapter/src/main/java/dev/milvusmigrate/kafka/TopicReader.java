package dev.milvusmigrate.kafka;

import dev.milvusmigrate.schemas.serde.ContractSerde;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads a whole topic once, from the beginning to its current end, without a consumer group. */
public final class TopicReader {

  public static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(15);

  private TopicReader() {}

  /**
   * Every committed record of the topic in offset order; empty if the topic does not exist. A record
   * milvus-migrate did not write is skipped (its owner copies it to the dead-letter topic).
   */
  public static <V extends SpecificRecordBase> List<ConsumerRecord<String, V>> readAll(KafkaClients clients,
      String topic, Class<V> type) {
    List<ConsumerRecord<String, V>> records = new ArrayList<>();
    forEach(clients, topic, type, records::add);
    return records;
  }

  /**
   * As {@link #readAll(KafkaClients, String, Class)}, each record handed to {@code onRecord} and not
   * kept: for a topic too large to hold in memory.
   */
  public static <V extends SpecificRecordBase> void forEach(KafkaClients clients, String topic, Class<V> type,
      Consumer<ConsumerRecord<String, V>> onRecord) {
    try (KafkaConsumer<String, V> consumer = consumer(clients, type)) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic, KAFKA_TIMEOUT).stream()
          .map(p -> new TopicPartition(topic, p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, KAFKA_TIMEOUT);
      while (partitions.stream().anyMatch(p -> consumer.position(p, KAFKA_TIMEOUT) < end.get(p))) {
        DeadLetters.readerOnly().poll(consumer, Duration.ofMillis(200)).forEach(onRecord);
      }
    } catch (KafkaException e) {
      throw unreachable(clients.bootstrapServers(), e);
    }
  }

  /** As {@link #readAll(KafkaClients, String, Class)}, on a Kafka without security settings (tests, benchmarks). */
  public static <V extends SpecificRecordBase> List<ConsumerRecord<String, V>> readAll(String bootstrap, String topic,
      Class<V> type) {
    return readAll(new KafkaClients(bootstrap, Map.of(), KAFKA_TIMEOUT), topic, type);
  }

  public static <V extends SpecificRecordBase> KafkaConsumer<String, V> consumer(KafkaClients clients, Class<V> type) {
    return new KafkaConsumer<>(props(clients), new StringDeserializer(), ContractSerde.of(type).deserializer());
  }

  /** For topics of several contracts: the caller decodes each record by its topic. */
  public static KafkaConsumer<String, byte[]> bytesConsumer(KafkaClients clients) {
    return new KafkaConsumer<>(props(clients), new StringDeserializer(), new ByteArrayDeserializer());
  }

  private static Map<String, Object> props(KafkaClients clients) {
    Map<String, Object> props = new HashMap<>(clients.connectionSettings());
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) KAFKA_TIMEOUT.toMillis());
    return props;
  }

  /** The sentence for a failed read: the security setting to fix, or the address. */
  static KafkaAccessException unreachable(String bootstrap, Exception e) {
    return new KafkaAccessException(KafkaRefusal.of(KafkaClientKeys.PIPELINE, bootstrap, e).orElseGet(() ->
        "Cannot read from Kafka at " + bootstrap + " (" + e.getClass().getSimpleName()
        + "): check the Kafka bootstrap servers and that the broker is running."), e);
  }
}
