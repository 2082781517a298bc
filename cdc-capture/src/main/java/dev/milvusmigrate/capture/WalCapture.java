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
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;

/**
 * The log of Milvus 2.3-2.5 whose message queue is Kafka: the DML topics
 * {@code <prefix>-rootcoord-dml_<n>} on the source's Kafka (which may be another cluster than the
 * pipeline's), decoded by milvus-adapter's {@link WalRecordDecoder}. Its entries carry the source's
 * own timestamps, so T and F are the source's.
 */
final class WalCapture implements CaptureSource<WalEvent> {

  private final Map<String, Object> connection;
  private final KafkaClientKeys keys;
  private final Pattern dmlTopic;

  /**
   * @param connection the bootstrap servers and security settings of the source's log Kafka
   * @param keys the settings that configure that connection, to name them when it is refused
   */
  WalCapture(Map<String, Object> connection, KafkaClientKeys keys, String clusterPrefix) {
    this.connection = Map.copyOf(connection);
    this.keys = keys;
    this.dmlTopic = Pattern.compile(Pattern.quote(clusterPrefix + "-rootcoord-dml_") + "\\d+");
  }

  @Override
  public SourceLog<WalEvent> open(String clientId) {
    WalRecordDecoder decoder = new WalRecordDecoder();
    return new KafkaLog<>(connection, clientId,
        topic -> dmlTopic.matcher(topic).matches(), (topic, offset, value) -> {
          try {
            return decoder.decode(topic, value);
          } catch (WalDecodeException e) {
            throw UnreadableRecord.notAMessage(topic, offset, e);
          }
        });
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
    if (denied instanceof TopicAuthorizationException topics
        && topics.unauthorizedTopics().stream().anyMatch(topic -> dmlTopic.matcher(topic).matches())) {
      return KafkaRefusal.of(keys, (String) connection.get(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG), denied,
          "reading the source's log " + topics.unauthorizedTopics().stream().sorted().toList());
    }
    return Optional.empty();
  }

  @Override
  public String describe() {
    return "log " + dmlTopic.pattern() + " on " + connection.get(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG);
  }
}
