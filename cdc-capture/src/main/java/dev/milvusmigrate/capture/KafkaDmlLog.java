package dev.milvusmigrate.capture;

import dev.milvusmigrate.core.domain.JobFailure;
import dev.milvusmigrate.milvus.wal.WalDecodeException;
import dev.milvusmigrate.milvus.wal.WalEvent;
import dev.milvusmigrate.milvus.wal.WalRecordDecoder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The log of Milvus 2.3-2.5 whose message queue is Kafka: the DML topics
 * {@code <prefix>-rootcoord-dml_<n>} on the source's Kafka (which may be another cluster than
 * the pipeline's), found by listing topics since Milvus creates a channel's topic on first use,
 * read with an unassigned consumer at explicit offsets and decoded by {@link WalRecordDecoder}.
 */
final class KafkaDmlLog implements SourceLog {

  private static final Logger log = LoggerFactory.getLogger(KafkaDmlLog.class);
  private static final int FETCH_BYTES = 64 * 1024 * 1024;

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Pattern dmlTopic;
  private final WalRecordDecoder decoder = new WalRecordDecoder();
  private final Set<TopicPartition> assigned = new HashSet<>();

  /** @param connection the bootstrap servers and security settings of the source's log Kafka */
  KafkaDmlLog(Map<String, Object> connection, String clusterPrefix, String clientId) {
    Map<String, Object> props = new HashMap<>(connection);
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
    props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, FETCH_BYTES);
    props.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 2 * FETCH_BYTES);
    this.consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    this.dmlTopic = Pattern.compile(Pattern.quote(clusterPrefix + "-rootcoord-dml_") + "\\d+");
  }

  @Override
  public Set<LogChannel> channels() {
    Set<LogChannel> found = new HashSet<>();
    consumer.listTopics().forEach((topic, partitions) -> {
      if (dmlTopic.matcher(topic).matches()) {
        partitions.forEach(info -> found.add(new LogChannel(topic, info.partition())));
      }
    });
    return found;
  }

  @Override
  public Map<LogChannel, Long> ends(Set<LogChannel> channels) {
    Map<LogChannel, Long> ends = new HashMap<>();
    consumer.endOffsets(channels.stream().map(KafkaDmlLog::partition).toList())
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
  public List<LogEntry> poll(Duration timeout) {
    List<LogEntry> entries = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(timeout)) {
      LogChannel channel = new LogChannel(record.topic(), record.partition());
      entries.add(new LogEntry(channel, record.offset(), decode(record)));
    }
    return entries;
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

  private WalEvent decode(ConsumerRecord<byte[], byte[]> record) {
    try {
      return decoder.decode(record.topic(), record.value());
    } catch (WalDecodeException e) {
      throw UnreadableRecord.notAMessage(record.topic(), record.offset(), e);
    }
  }

  private void requireRetained(Map<LogChannel, Long> positions) {
    Map<TopicPartition, Long> earliest = consumer.beginningOffsets(positions.keySet().stream()
        .map(KafkaDmlLog::partition).toList());
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
