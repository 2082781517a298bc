package dev.milvusmigrate.proxy;

import dev.milvusmigrate.kafka.KafkaClients;
import dev.milvusmigrate.schemas.avro.ProxyChange;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A standby's wait: it follows the end of the proxy's topic, where the serving instance appends a
 * tick at least every proxy.tick-interval, and returns once nothing was appended for the takeover
 * time. Taking over is safe even when the serving instance is only slow: the standby's producer
 * fences it ({@link ChangeLog}), so the two never publish at once.
 */
final class Takeover {

  private static final Logger log = LoggerFactory.getLogger(Takeover.class);
  private static final Duration POLL = Duration.ofMillis(200);

  private Takeover() {}

  static void await(KafkaClients clients, String topic, Duration silence, Clock clock) {
    try (KafkaConsumer<String, ProxyChange> consumer = clients.uncommittedReader(ProxyChange.class,
        "capture-proxy-standby")) {
      TopicPartition partition = new TopicPartition(topic, 0);
      consumer.assign(List.of(partition));
      consumer.seekToEnd(List.of(partition));
      log.info("Standing by: taking over once {} stays silent for {} ms.", topic, silence.toMillis());
      Instant lastSeen = clock.instant();
      while (clock.instant().isBefore(lastSeen.plus(silence))) {
        if (!consumer.poll(POLL).isEmpty()) {
          lastSeen = clock.instant();
        }
      }
      log.info("{} was silent for {} ms: taking over.", topic, silence.toMillis());
    }
  }
}
