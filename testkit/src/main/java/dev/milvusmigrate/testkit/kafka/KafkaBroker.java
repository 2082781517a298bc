package dev.milvusmigrate.testkit.kafka;

import static org.awaitility.Awaitility.await;

import dev.milvusmigrate.testkit.JvmWideServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * A real single-node KRaft Kafka cluster (combined broker and controller) running inside the
 * test JVM. One instance is shared by all tests of a JVM; {@link KafkaBrokerExtension} stops it
 * when the test plan ends.
 */
public final class KafkaBroker implements AutoCloseable {

  /** The JVM-wide broker; {@link KafkaBrokerExtension} stops it when the test plan ends. */
  static final JvmWideServer<KafkaBroker> SHARED = new JvmWideServer<>("kafka-broker", KafkaBroker::start);

  private final KafkaClusterTestKit cluster;

  private KafkaBroker(KafkaClusterTestKit cluster) {
    this.cluster = cluster;
  }

  /** The JVM-wide broker, started on first use. */
  public static KafkaBroker shared() {
    return SHARED.get();
  }

  /** Stops the JVM-wide broker if it runs, for programs that are not JUnit tests; the next use starts another. */
  public static void stopShared() {
    SHARED.stop();
  }

  /** A broker of its own, e.g. a second Kafka cluster next to the shared one; the caller closes it. */
  public static KafkaBroker startSeparate() {
    return start();
  }

  private static KafkaBroker start() {
    try {
      TestKitNodes nodes = new TestKitNodes.Builder()
          .setCombined(true)
          .setNumBrokerNodes(1)
          .setNumControllerNodes(1)
          .build();
      KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(nodes)
          .setConfigProp("offsets.topic.replication.factor", "1")
          .setConfigProp("offsets.topic.num.partitions", "4")
          .setConfigProp("transaction.state.log.replication.factor", "1")
          .setConfigProp("transaction.state.log.min.isr", "1")
          .setConfigProp("transaction.state.log.num.partitions", "4")
          .setConfigProp("group.initial.rebalance.delay.ms", "0")
          .setConfigProp("auto.create.topics.enable", "true")
          .setConfigProp("num.partitions", "1")
          .build();
      cluster.format();
      cluster.startup();
      cluster.waitForReadyBrokers();
      return new KafkaBroker(cluster);
    } catch (Exception e) {
      throw new IllegalStateException("Could not start the in-JVM Kafka broker: " + e.getMessage(), e);
    }
  }

  /** Bootstrap servers for clients, e.g. {@code localhost:41234}. */
  public String bootstrapServers() {
    return cluster.bootstrapServers();
  }

  /** A new admin client; the caller closes it. */
  public Admin admin() {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    return Admin.create(props);
  }

  /** Creates a topic and waits until the broker has it; an existing topic is left as it is. */
  public void createTopic(String name, int partitions, Map<String, String> configs) {
    try (Admin admin = admin()) {
      NewTopic topic = new NewTopic(name, partitions, (short) 1).configs(configs);
      admin.createTopics(List.of(topic)).all().get();
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw new IllegalStateException("Could not create topic " + name + ": " + e.getCause().getMessage(), e);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while creating topic " + name, e);
    }
  }

  /** Every committed record the topic holds now, partition by partition in offset order. */
  public List<ConsumerRecord<byte[], byte[]>> recordsToEnd(String topic) {
    return read(topic, (consumer, partitions) -> {
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      return records -> partitions.stream().allMatch(partition -> consumer.position(partition) >= ends.get(partition));
    }, "the end of " + topic, Duration.ofMinutes(1));
  }

  /**
   * Waits until the topic holds at least {@code count} committed records and returns them as bytes,
   * partition by partition in offset order.
   */
  public List<ConsumerRecord<byte[], byte[]>> awaitRecords(String topic, int count, Duration timeout) {
    return read(topic, (consumer, partitions) -> records -> records.size() >= count, count + " records on " + topic,
        timeout);
  }

  /** What a read of the whole topic is done at, given the consumer and its partitions. */
  private interface ReadEnd {
    Predicate<List<ConsumerRecord<byte[], byte[]>>> of(KafkaConsumer<byte[], byte[]> consumer,
        List<TopicPartition> partitions);
  }

  private List<ConsumerRecord<byte[], byte[]>> read(String topic, ReadEnd end, String what, Duration timeout) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
        new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
          .map(info -> new TopicPartition(topic, info.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Predicate<List<ConsumerRecord<byte[], byte[]>>> done = end.of(consumer, partitions);
      await(what).atMost(timeout).until(() -> {
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
        return done.test(records);
      });
    }
    records.sort(Comparator.comparingInt(ConsumerRecord<byte[], byte[]>::partition)
        .thenComparingLong(ConsumerRecord::offset));
    return records;
  }

  @Override
  public void close() {
    try {
      cluster.close();
    } catch (Exception e) {
      throw new IllegalStateException("Could not stop the in-JVM Kafka broker", e);
    }
  }
}
