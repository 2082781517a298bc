package dev.milvusmigrate.capture;

import dev.milvusmigrate.core.domain.JobFailure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A source log kept in Kafka topics: the channels are the partitions of the topics it selects
 * (found by listing topics, since a writer may create one while the job runs), read with an
 * unassigned consumer at explicit offsets, each record turned into an entry by its decoder.
 * {@link WalCapture} reads the DML topics of Milvus 2.3-2.5 on Kafka this way, {@link ProxyCapture}
 * the capture-proxy's topic.
 */
final class KafkaLog<E> implements SourceLog<E> {

  private static final Logger log = LoggerFactory.getLogger(KafkaLog.class);
  private static final int FETCH_BYTES = 64 * 1024 * 1024;
  private static final Duration ENTRY_POLL = Duration.ofMillis(200);
  private static final int ENTRY_POLLS = 150;
  /** How many offsets before the given one {@link #entryBefore} reads first. */
  private static final long ENTRY_WINDOW = 16;

  private final Map<String, Object> props;
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Predicate<String> topics;
  private final EntryDecoder<E> decoder;
  private final Set<TopicPartition> assigned = new HashSet<>();

  /** @param clientSettings the Kafka client settings (bootstrap servers, security) of the log's cluster */
  KafkaLog(Map<String, Object> clientSettings, String clientId, Predicate<String> topics, EntryDecoder<E> decoder) {
    Map<String, Object> props = new HashMap<>(clientSettings);
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
    props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, FETCH_BYTES);
    props.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 2 * FETCH_BYTES);
    this.props = props;
    this.consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    this.topics = topics;
    this.decoder = decoder;
  }

  @Override
  public Set<LogChannel> channels() {
    Set<LogChannel> found = new HashSet<>();
    consumer.listTopics().forEach((topic, partitions) -> {
      if (topics.test(topic)) {
        partitions.forEach(info -> found.add(new LogChannel(topic, info.partition())));
      }
    });
    return found;
  }

  @Override
  public Map<LogChannel, Long> ends(Set<LogChannel> channels) {
    Map<LogChannel, Long> ends = new HashMap<>();
    consumer.endOffsets(channels.stream().map(KafkaLog::partition).toList())
        .forEach((partition, end) -> ends.put(channel(partition), end));
    return ends;
  }

  @Override
  public void read(Map<LogChannel, Long> positions) {
    if (positions.isEmpty()) {
      return;
    }
    requireRetained(positions);
    positions.keySet().forEach(channel -> assigned.add(partition(channel)));
    consumer.assign(List.copyOf(assigned));
    positions.forEach((channel, offset) -> consumer.seek(partition(channel), offset));
    log.info("Reading {} source log channel(s) now: {}", assigned.size(), positions);
  }

  @Override
  public Set<LogChannel> reading() {
    Set<LogChannel> channels = new HashSet<>();
    assigned.forEach(partition -> channels.add(channel(partition)));
    return channels;
  }

  @Override
  public List<LogEntry<E>> poll(Duration timeout) {
    List<LogEntry<E>> entries = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(timeout)) {
      LogChannel channel = new LogChannel(record.topic(), record.partition());
      entries.add(new LogEntry<>(channel, record.offset(), decoder.decode(record.topic(), record.offset(),
          record.value())));
    }
    return entries;
  }

  /**
   * Reads back from {@code offset} in growing windows: the offset just before it may hold no record
   * (a transaction marker of a transactional producer, such as the capture-proxy's).
   */
  @Override
  public Optional<E> entryBefore(LogChannel channel, long offset) {
    Map<String, Object> single = new HashMap<>(props);
    single.put(ConsumerConfig.CLIENT_ID_CONFIG, props.get(ConsumerConfig.CLIENT_ID_CONFIG) + "-last");
    try (KafkaConsumer<byte[], byte[]> reader =
        new KafkaConsumer<>(single, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      TopicPartition partition = partition(channel);
      reader.assign(List.of(partition));
      long begin = reader.beginningOffsets(List.of(partition)).get(partition);
      long upTo = offset;
      for (long span = ENTRY_WINDOW; upTo > begin; span *= 2) {
        long from = Math.max(begin, upTo - span);
        Optional<ConsumerRecord<byte[], byte[]>> last = lastIn(reader, partition, from, upTo);
        if (last.isPresent()) {
          return last.map(record -> decoder.decode(record.topic(), record.offset(), record.value()));
        }
        upTo = from;
      }
      return Optional.empty();
    }
  }

  private static Optional<ConsumerRecord<byte[], byte[]>> lastIn(KafkaConsumer<byte[], byte[]> reader,
      TopicPartition partition, long from, long upTo) {
    reader.seek(partition, from);
    ConsumerRecord<byte[], byte[]> last = null;
    for (int polls = 0; reader.position(partition) < upTo; polls++) {
      if (polls == ENTRY_POLLS) {
        throw new TimeoutException("Kafka returned no records between offsets " + from + " and " + upTo + " of "
            + partition + " within " + ENTRY_POLL.multipliedBy(ENTRY_POLLS).toSeconds() + " s");
      }
      for (ConsumerRecord<byte[], byte[]> record : reader.poll(ENTRY_POLL)) {
        if (record.offset() < upTo) {
          last = record;
        }
      }
    }
    return Optional.ofNullable(last);
  }

  @Override
  public boolean caughtUp(LogChannel channel) {
    return consumer.currentLag(partition(channel)).orElse(1) == 0;
  }

  @Override
  public void wakeup() {
    consumer.wakeup();
  }

  @Override
  public void close() {
    consumer.close();
  }

  private void requireRetained(Map<LogChannel, Long> positions) {
    Map<TopicPartition, Long> earliest = consumer.beginningOffsets(positions.keySet().stream()
        .map(KafkaLog::partition).toList());
    positions.forEach((channel, position) -> {
      long first = earliest.getOrDefault(partition(channel), 0L);
      if (first > position) {
        throw new JobFailure("The source's log " + channel + " no longer holds offset " + position + " (Kafka"
            + " retention removed everything before offset " + first + "), so changes made while capture was behind"
            + " are lost: raise the retention of the source's Kafka topics and start a new job.", null, null);
      }
    });
  }

  private static TopicPartition partition(LogChannel channel) {
    return new TopicPartition(channel.name(), channel.partition());
  }

  private static LogChannel channel(TopicPartition partition) {
    return new LogChannel(partition.topic(), partition.partition());
  }
}
