package dev.milvusmigrate.proxy;

import dev.milvusmigrate.core.domain.HybridTimestamp;
import dev.milvusmigrate.kafka.KafkaClients;
import dev.milvusmigrate.schemas.avro.ProxyChange;
import dev.milvusmigrate.schemas.avro.ProxyChangeKind;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads, before the proxy serves, what earlier runs left in its topic: the intents without an
 * outcome (the run stopped between forwarding a write and recording how it ended), the newest
 * stamp, and the highest sequence.
 *
 * <p>Only the tail is read. While a write is in flight every tick's watermark is before its start,
 * and its intent is stamped after its start; so every intent still open when the run stopped is
 * stamped after the watermark W of the run's last tick, and every record stamped after W carries a
 * Kafka timestamp at or after W's wall-clock time ({@link ChangeLog}). The scan starts at the first
 * record with such a timestamp, or at the beginning when the topic has no tick.
 */
final class IntentRecovery {

  private static final Duration POLL = Duration.ofMillis(200);
  /** How many records before the end the search for the last tick reads first; it doubles from there. */
  private static final long TAIL = 1_000;

  private IntentRecovery() {}

  /**
   * @param end where this run's records start (the offset of its first tick, {@link ChangeLog#mark}):
   *     the records below it are every earlier run's
   */
  static OpenIntents read(KafkaClients clients, String topic, String clientId, long end) {
    OpenIntents intents = new OpenIntents();
    try (KafkaConsumer<String, ProxyChange> consumer = clients.uncommittedReader(ProxyChange.class, clientId)) {
      TopicPartition partition = new TopicPartition(topic, 0);
      List<TopicPartition> partitions = List.of(partition);
      consumer.assign(partitions);
      long begin = consumer.beginningOffsets(partitions).get(partition);
      OptionalLong lastTick = lastTick(consumer, partition, begin, end);
      long from = begin;
      if (lastTick.isPresent()) {
        long wallMillis = new HybridTimestamp(lastTick.getAsLong()).physicalMillis();
        OffsetAndTimestamp found = consumer.offsetsForTimes(Map.of(partition, wallMillis)).get(partition);
        from = found == null ? end : found.offset();
      }
      read(consumer, partition, from, end, record -> intents.add(record.value()));
    }
    return intents;
  }

  /** The watermark of the last tick before {@code end}, reading back from the end. */
  private static OptionalLong lastTick(KafkaConsumer<String, ProxyChange> consumer, TopicPartition partition,
      long begin, long end) {
    long upTo = end;
    for (long span = TAIL; upTo > begin; span *= 2) {
      long from = Math.max(begin, upTo - span);
      long[] tick = {-1};
      read(consumer, partition, from, upTo, record -> {
        if (record.value().getKind() == ProxyChangeKind.TICK) {
          tick[0] = record.value().getTs();
        }
      });
      if (tick[0] >= 0) {
        return OptionalLong.of(tick[0]);
      }
      upTo = from;
    }
    return OptionalLong.empty();
  }

  private static void read(KafkaConsumer<String, ProxyChange> consumer, TopicPartition partition, long from,
      long upTo, Consumer<ConsumerRecord<String, ProxyChange>> each) {
    consumer.seek(partition, from);
    while (consumer.position(partition) < upTo) {
      for (ConsumerRecord<String, ProxyChange> record : consumer.poll(POLL)) {
        if (record.offset() < upTo && record.value() != null) {
          each.accept(record);
        }
      }
    }
  }
}
