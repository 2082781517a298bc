package dev.milvusmigrate.capture;

import dev.milvusmigrate.kafka.KafkaClientKeys;
import dev.milvusmigrate.kafka.KafkaRefusal;
import dev.milvusmigrate.milvus.MilvusCatalog;
import dev.milvusmigrate.milvus.wal.WalDecodeException;
import dev.milvusmigrate.milvus.wal.WalEvent;
import dev.milvusmigrate.milvus.wal.WalRecordDecoder;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;

/**
 * The log of Milvus 2.2-2.5 whose message queue is Kafka or Pulsar: the DML topics
 * {@code <prefix>-rootcoord-dml_<n>} on the source's message queue (which may be another Kafka
 * than the pipeline's), decoded by milvus-adapter's {@link WalRecordDecoder}. Its entries carry the
 * source's own timestamps, so T and F are the source's.
 */
final class WalCapture implements CaptureSource<WalEvent> {

  /** The message queue that holds the DML topics. */
  interface Queue {
    /** The full name of a topic whose local name is given, as the queue lists it. */
    String topicName(String localName);

    SourceLog<WalEvent> open(String clientId, Predicate<String> dmlTopic, EntryDecoder<WalEvent> decoder);

    /** The sentence for a Kafka permission denied on the DML topics; empty when it is about something else. */
    default Optional<String> refusal(AuthorizationException denied, Predicate<String> dmlTopic) {
      return Optional.empty();
    }

    String describe();
  }

  private final Queue queue;
  private final Pattern dmlTopic;

  WalCapture(Queue queue, String clusterPrefix) {
    this.queue = queue;
    this.dmlTopic = dmlTopics(queue.topicName(clusterPrefix + "-rootcoord-dml_"));
  }

  /** The names of the DML channels' topics: {@code namePrefix} (e.g. {@code by-dev-rootcoord-dml_}) and a number. */
  static Pattern dmlTopics(String namePrefix) {
    return Pattern.compile(Pattern.quote(namePrefix) + "\\d+");
  }

  /**
   * The log on Kafka.
   *
   * @param connection the bootstrap servers and security settings of the source's log Kafka
   * @param keys the settings that configure that connection, to name them when it is refused
   */
  static WalCapture onKafka(Map<String, Object> connection, KafkaClientKeys keys, String clusterPrefix) {
    return new WalCapture(new KafkaQueue(Map.copyOf(connection), keys), clusterPrefix);
  }

  /** The log on Pulsar, held for capture by the subscription of the given name until the job needs it no more. */
  static WalCapture onPulsar(PulsarSettings settings, String subscription, String clusterPrefix) {
    return new WalCapture(new PulsarQueue(settings, subscription), clusterPrefix);
  }

  @Override
  public SourceLog<WalEvent> open(String clientId) {
    WalRecordDecoder decoder = new WalRecordDecoder();
    return queue.open(clientId, this::isDmlTopic, (topic, offset, value) -> {
      try {
        return decoder.decode(topic, value);
      } catch (WalDecodeException e) {
        throw UnreadableRecord.notAMessage(topic, offset, e);
      }
    });
  }

  private boolean isDmlTopic(String topic) {
    return dmlTopic.matcher(topic).matches();
  }

  @Override
  public EntryHandler<WalEvent> handler(CaptureContext context) {
    return new WalRecordHandler(context);
  }

  @Override
  public OptionalLong startTime(SourceLog<WalEvent> log, Map<LogChannel, Long> starts) {
    return OptionalLong.empty();
  }

  @Override
  public long fenceTime(SourceLog<WalEvent> log, MilvusCatalog source) {
    return source.currentTimestamp();
  }

  @Override
  public Optional<String> refusal(AuthorizationException denied) {
    return queue.refusal(denied, this::isDmlTopic);
  }

  @Override
  public String describe() {
    return "log " + dmlTopic.pattern() + " on " + queue.describe();
  }

  private record KafkaQueue(Map<String, Object> connection, KafkaClientKeys keys) implements Queue {

    @Override
    public String topicName(String localName) {
      return localName;
    }

    @Override
    public SourceLog<WalEvent> open(String clientId, Predicate<String> dmlTopic, EntryDecoder<WalEvent> decoder) {
      return new KafkaLog<>(connection, clientId, dmlTopic, decoder);
    }

    @Override
    public Optional<String> refusal(AuthorizationException denied, Predicate<String> dmlTopic) {
      if (denied instanceof TopicAuthorizationException topics
          && topics.unauthorizedTopics().stream().anyMatch(dmlTopic)) {
        return KafkaRefusal.of(keys, (String) connection.get(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG), denied,
            "reading the source's log " + topics.unauthorizedTopics().stream().sorted().toList());
      }
      return Optional.empty();
    }

    @Override
    public String describe() {
      return "Kafka " + connection.get(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG);
    }
  }

  private record PulsarQueue(PulsarSettings settings, String subscription) implements Queue {

    @Override
    public String topicName(String localName) {
      return settings.topic(localName);
    }

    @Override
    public SourceLog<WalEvent> open(String clientId, Predicate<String> dmlTopic, EntryDecoder<WalEvent> decoder) {
      return new PulsarLog<>(settings, subscription, dmlTopic, decoder);
    }

    @Override
    public String describe() {
      return "Pulsar " + settings + " (subscription " + subscription + ")";
    }
  }
}
