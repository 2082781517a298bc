package dev.milvusmigrate.capture;

import dev.milvusmigrate.core.domain.JobFailure;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The source's log channels: the DML topics {@code <prefix>-rootcoord-dml_<n>} on the source's
 * Kafka, found by listing topics (Milvus creates a channel's topic on first use), and the
 * consumer's assignment over them. A position that Kafka no longer holds (retention deleted it)
 * fails the job instead of skipping changes.
 */
final class WalChannels {

  private static final Logger log = LoggerFactory.getLogger(WalChannels.class);

  private final Consumer<byte[], byte[]> consumer;
  private final Pattern dmlTopic;
  private final Set<TopicPartition> assigned = new HashSet<>();

  WalChannels(Consumer<byte[], byte[]> consumer, String clusterPrefix) {
    this.consumer = consumer;
    this.dmlTopic = Pattern.compile(Pattern.quote(clusterPrefix + "-rootcoord-dml_") + "\\d+");
  }

  /** Every DML topic partition the source's Kafka has now. */
  Set<TopicPartition> list() {
    Set<TopicPartition> found = new HashSet<>();
    consumer.listTopics().forEach((topic, partitions) -> {
      if (dmlTopic.matcher(topic).matches()) {
        partitions.forEach(info -> found.add(new TopicPartition(topic, info.partition())));
      }
    });
    return found;
  }

  /** The current end of each channel: where capture starts for channels that exist when a job starts. */
  Map<TopicPartition, Long> ends(Set<TopicPartition> channels) {
    return new HashMap<>(consumer.endOffsets(channels));
  }

  /** Adds channels to the assignment and positions each at its offset. */
  void assign(Map<TopicPartition, Long> positions) {
    if (positions.isEmpty()) {
      return;
    }
    requireRetained(positions);
    assigned.addAll(positions.keySet());
    consumer.assign(List.copyOf(assigned));
    positions.forEach(consumer::seek);
    log.info("Reading {} source log channel(s) now: {}", assigned.size(), positions);
  }

  /** Channels that appeared since the last look; all their records are new, so they are read from the start. */
  Map<TopicPartition, Long> appeared() {
    Map<TopicPartition, Long> fresh = new HashMap<>();
    list().stream().filter(channel -> !assigned.contains(channel)).forEach(channel -> fresh.put(channel, 0L));
    return fresh;
  }

  Set<TopicPartition> assigned() {
    return Set.copyOf(assigned);
  }

  private void requireRetained(Map<TopicPartition, Long> positions) {
    Map<TopicPartition, Long> earliest = consumer.beginningOffsets(positions.keySet());
    positions.forEach((channel, position) -> {
      long first = earliest.getOrDefault(channel, 0L);
      if (first > position) {
        throw new JobFailure("The source's log " + channel + " no longer holds offset " + position + " (Kafka"
            + " retention removed everything before offset " + first + "), so changes made while capture was behind"
            + " are lost: raise the retention of the source's Kafka topics and start a new job.", null, null);
      }
    });
  }
}
