package dev.milvusmigrate.kafka;

import dev.milvusmigrate.schemas.serde.ContractSerde;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Makes Kafka clients for the pipeline: String keys, Avro single-object values, and settings
 * that keep the invariants: producers are idempotent with {@code acks=all}; consumers read only
 * committed records and never auto-commit, so offsets move only after the target acknowledged.
 */
public final class KafkaClients {

  /** Largest record the pipeline writes; topics are created to accept it. */
  public static final int MAX_RECORD_BYTES = 32 * 1024 * 1024;
  private static final Duration READ_POLL = Duration.ofMillis(200);

  /** Kafka's own default of {@code default.api.timeout.ms}. */
  private static final Duration DEFAULT_ADMIN_TIMEOUT = Duration.ofSeconds(60);
  /** Kafka's own default of one admin request's timeout; a shorter admin timeout caps it. */
  private static final int REQUEST_TIMEOUT_MS = 30_000;

  private final Map<String, Object> common;
  private final Duration adminTimeout;

  /** @param extra client settings added to every client, e.g. security.protocol and SASL settings */
  public KafkaClients(String bootstrapServers, Map<String, Object> extra) {
    this(bootstrapServers, extra, DEFAULT_ADMIN_TIMEOUT);
  }

  /** @param adminTimeout how long an admin call waits for Kafka before it fails */
  public KafkaClients(String bootstrapServers, Map<String, Object> extra, Duration adminTimeout) {
    this.common = new HashMap<>(extra);
    common.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    this.adminTimeout = adminTimeout;
  }

  public String bootstrapServers() {
    return (String) common.get(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG);
  }

  /**
   * The bootstrap servers and the extra settings (security), for a client this class does not make
   * (Kafka Streams, a reader of the source's log).
   */
  public Map<String, Object> connectionSettings() {
    return Map.copyOf(common);
  }

  public Duration adminTimeout() {
    return adminTimeout;
  }

  public <V extends SpecificRecordBase> KafkaProducer<String, V> producer(Class<V> valueType, String clientId) {
    return new KafkaProducer<>(producerProps(clientId), new StringSerializer(), ContractSerde.of(valueType).serializer());
  }

  /**
   * A transactional producer for a caller that answers someone for each record (the capture-proxy):
   * it sends at once instead of lingering for a batch (what queues meanwhile goes in the next
   * request), and {@code send} waits at most {@code maxBlock}
   * for Kafka's metadata or buffer space (Kafka's default is 60 s), so that the caller learns in time
   * that Kafka is away. {@code initTransactions()} is already called, which fences any older producer
   * with the same id.
   */
  public <V extends SpecificRecordBase> KafkaProducer<String, V> transactionalProducer(Class<V> valueType,
      String transactionalId, Duration maxBlock) {
    Map<String, Object> props = producerProps(transactionalId);
    props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, maxBlock.toMillis());
    props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    // One request at a time: a new transaction's first batch then always reaches the broker first
    // (Kafka 4's broker refuses a later one with OutOfOrderSequenceException and the appends stall).
    props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
    KafkaProducer<String, V> producer =
        new KafkaProducer<>(props, new StringSerializer(), ContractSerde.of(valueType).serializer());
    return initialised(producer);
  }

  /**
   * A consumer outside any group that reads every record, of open and aborted transactions too
   * ({@code read_uncommitted}): for a log whose records count once Kafka acknowledged them, such as
   * the capture-proxy's.
   */
  public <V extends SpecificRecordBase> KafkaConsumer<String, V> uncommittedReader(Class<V> valueType,
      String clientId) {
    Map<String, Object> props = consumerProps(clientId);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
    return new KafkaConsumer<>(props, new StringDeserializer(), ContractSerde.of(valueType).deserializer());
  }

  /** A producer of bytes as they are, e.g. to copy a record that is not one of the contracts. */
  public KafkaProducer<byte[], byte[]> rawProducer(String clientId) {
    return new KafkaProducer<>(producerProps(clientId), new ByteArraySerializer(), new ByteArraySerializer());
  }

  /**
   * A transactional producer; {@code initTransactions()} is already called, which fences any
   * older producer with the same id (a zombie from before a restart).
   */
  public <V extends SpecificRecordBase> KafkaProducer<String, V> transactionalProducer(Class<V> valueType,
      String transactionalId) {
    Map<String, Object> props = producerProps(transactionalId);
    props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
    KafkaProducer<String, V> producer =
        new KafkaProducer<>(props, new StringSerializer(), ContractSerde.of(valueType).serializer());
    return initialised(producer);
  }

  /**
   * A transactional producer for records of several contracts (e.g. snapshot events and
   * checkpoints committed together), each encoded as its own class; {@code initTransactions()}
   * is already called, which fences any older producer with the same id.
   */
  public KafkaProducer<String, SpecificRecordBase> transactionalContractProducer(String transactionalId) {
    Map<String, Object> props = producerProps(transactionalId);
    props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
    KafkaProducer<String, SpecificRecordBase> producer =
        new KafkaProducer<>(props, new StringSerializer(), new ContractSerializer());
    return initialised(producer);
  }

  /**
   * Calls {@code initTransactions()}; a producer that Kafka did not answer in time is closed at once,
   * so that a caller retrying through an outage leaves no client behind.
   */
  private static <P extends KafkaProducer<?, ?>> P initialised(P producer) {
    try {
      producer.initTransactions();
      return producer;
    } catch (RuntimeException e) {
      producer.close(Duration.ZERO);
      throw e;
    }
  }

  /** A consumer of committed records only, with manual commits, starting at the earliest offset. */
  public <V extends SpecificRecordBase> KafkaConsumer<String, V> consumer(Class<V> valueType, String groupId,
      String clientId) {
    return groupConsumer(valueType, groupId, clientId, "earliest");
  }

  /**
   * A consumer of committed records only, with manual commits, that starts a group without
   * committed offsets at the end of the topic: it sees only records published after the group
   * first joined.
   */
  public <V extends SpecificRecordBase> KafkaConsumer<String, V> consumerFromEnd(Class<V> valueType, String groupId,
      String clientId) {
    return groupConsumer(valueType, groupId, clientId, "latest");
  }

  /**
   * A consumer of committed records only, in no consumer group: every instance reads the whole
   * topic itself, with {@code assign} and {@code seekToBeginning}.
   */
  public <V extends SpecificRecordBase> KafkaConsumer<String, V> reader(Class<V> valueType, String clientId) {
    return new KafkaConsumer<>(consumerProps(clientId), new StringDeserializer(), ContractSerde.of(valueType).deserializer());
  }

  /**
   * Like {@link #reader}, for a reader that needs only the record keys: values stay undecoded bytes.
   */
  public KafkaConsumer<String, byte[]> keyReader(String clientId) {
    return new KafkaConsumer<>(consumerProps(clientId), new StringDeserializer(), new ByteArrayDeserializer());
  }

  /**
   * Reads a topic from its beginning up to its end as of now (committed records only; the
   * consumer is assigned, its group id {@code clientId} only names it) and hands every non-null
   * value to {@code each}, oldest first per partition; a record that is not a {@code valueType} is
   * logged and skipped. Returns early once {@code stopped} says so.
   */
  public <V extends SpecificRecordBase> void readToEnd(Class<V> valueType, String topic, String clientId,
      BooleanSupplier stopped, Consumer<V> each) {
    try (KafkaConsumer<String, V> consumer = consumer(valueType, clientId, clientId)) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
          .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      while (!stopped.getAsBoolean() && partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        DeadLetters.readerOnly().poll(consumer, READ_POLL).forEach(record -> {
          if (record.value() != null) {
            each.accept(record.value());
          }
        });
      }
    }
  }

  /**
   * Reads every record of a one-partition topic, of open and aborted transactions too, from its
   * beginning up to its end as of now, oldest first: what a reader of the capture-proxy's log sees.
   */
  public <V extends SpecificRecordBase> void readUncommittedToEnd(Class<V> valueType, String topic, String clientId,
      Consumer<V> each) {
    try (KafkaConsumer<String, V> reader = uncommittedReader(valueType, clientId)) {
      TopicPartition partition = new TopicPartition(topic, 0);
      reader.assign(List.of(partition));
      reader.seekToBeginning(List.of(partition));
      long end = reader.endOffsets(List.of(partition)).get(partition);
      while (reader.position(partition) < end) {
        reader.poll(READ_POLL).forEach(record -> each.accept(record.value()));
      }
    }
  }

  /** An admin client whose calls fail after the admin timeout; an address that does not resolve fails here. */
  public Admin admin() {
    Map<String, Object> props = new HashMap<>(common);
    int timeoutMs = (int) adminTimeout.toMillis();
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs);
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.min(timeoutMs, REQUEST_TIMEOUT_MS));
    try {
      return Admin.create(props);
    } catch (KafkaException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new KafkaAccessException("Cannot use Kafka at " + bootstrapServers() + " (" + cause.getMessage()
          + "); check the address and the client settings.", e);
    }
  }

  private <V extends SpecificRecordBase> KafkaConsumer<String, V> groupConsumer(Class<V> valueType, String groupId,
      String clientId, String offsetReset) {
    Map<String, Object> props = consumerProps(clientId);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, offsetReset);
    return new KafkaConsumer<>(props, new StringDeserializer(), ContractSerde.of(valueType).deserializer());
  }

  private Map<String, Object> consumerProps(String clientId) {
    Map<String, Object> props = new HashMap<>(common);
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, MAX_RECORD_BYTES);
    props.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 2 * MAX_RECORD_BYTES);
    return props;
  }

  private Map<String, Object> producerProps(String clientId) {
    Map<String, Object> props = new HashMap<>(common);
    props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, MAX_RECORD_BYTES);
    props.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 4L * MAX_RECORD_BYTES);
    return props;
  }
}
