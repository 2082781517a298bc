package dev.milvusmigrate.capture;

import com.google.protobuf.InvalidProtocolBufferException;
import io.milvus.grpc.MsgHeader;
import io.milvus.grpc.MsgType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads every Milvus 2.3 DML topic ({@code <prefix>-rootcoord-dml_<n>}) from the beginning and
 * classifies each record by the {@code MsgBase.msg_type} that starts every Milvus message.
 */
final class DmlTopicReader implements AutoCloseable {

  /** One Kafka record of a DML topic: the raw protobuf value and the type its header declares. */
  record WalRecord(String topic, int partition, long offset, long kafkaTimestamp, List<String> headerKeys, MsgType type, byte[] value) {
  }

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final List<WalRecord> records = new ArrayList<>();

  DmlTopicReader(String bootstrapServers, String dmlTopicPrefix) {
    consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ConsumerConfig.GROUP_ID_CONFIG, "wal-ground-" + UUID.randomUUID(),
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
        // Milvus creates a DML topic when a collection first uses its channel; notice it quickly.
        ConsumerConfig.METADATA_MAX_AGE_CONFIG, "500"),
        new ByteArrayDeserializer(), new ByteArrayDeserializer());
    consumer.subscribe(Pattern.compile(Pattern.quote(dmlTopicPrefix) + "\\d+"));
  }

  /** Polls once and returns everything read so far. */
  List<WalRecord> poll() {
    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
      List<String> headerKeys = new ArrayList<>();
      record.headers().forEach(header -> headerKeys.add(header.key()));
      records.add(new WalRecord(record.topic(), record.partition(), record.offset(), record.timestamp(), headerKeys,
          messageType(record.value()), record.value()));
    }
    return List.copyOf(records);
  }

  /** Every Milvus msgstream message is a protobuf whose field 1 is MsgBase, so MsgHeader parses any of them. */
  static MsgType messageType(byte[] value) {
    try {
      return MsgHeader.parseFrom(value).getBase().getMsgType();
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("A DML topic record is not a Milvus message", e);
    }
  }

  @Override
  public void close() {
    consumer.close();
  }
}
