package dev.milvusmigrate.kafka;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls a pipeline topic past records milvus-migrate did not write: bytes that are not one of its
 * contracts, or no value at all. Each is copied, key, value and headers as they were, to the
 * dead-letter topic with the Kafka Streams dead-letter headers naming where it came from and why
 * (so the lag-monitor's dead letters read the same), and only once Kafka acknowledged the copy
 * does the consumer move past it: a record is never skipped without its copy. The copy is made at
 * least once (a record read again after a restart before the next commit is copied again).
 * A reader that does not own the topic ({@link #readerOnly()}) only logs and moves past an
 * undecodable record, since the topic's owner copies it; records without a value pass through.
 */
public final class DeadLetters implements AutoCloseable {

  /** Header: the topic the record was read from. */
  public static final String TOPIC_HEADER = "__streams.errors.topic";
  /** Header: its partition, as a decimal string. */
  public static final String PARTITION_HEADER = "__streams.errors.partition";
  /** Header: its offset, as a decimal string. */
  public static final String OFFSET_HEADER = "__streams.errors.offset";
  /** Header: the class of the exception that rejected it. */
  public static final String EXCEPTION_HEADER = "__streams.errors.exception";
  /** Header: why it was rejected. */
  public static final String MESSAGE_HEADER = "__streams.errors.message";

  private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);
  private static final Duration ACK_TIMEOUT = Duration.ofSeconds(60);
  private static final String NO_VALUE = "the record has no value (a tombstone), which no milvus-migrate writer sends"
      + " to this topic";

  private final KafkaClients clients;
  private final String deadLetterTopic;
  private final String clientId;
  private KafkaProducer<byte[], byte[]> producer;

  /** @param clientId names the producer that is opened on the first dead letter */
  public DeadLetters(KafkaClients clients, String deadLetterTopic, String clientId) {
    this.clients = clients;
    this.deadLetterTopic = deadLetterTopic;
    this.clientId = clientId;
  }

  /** For a reader of a topic another service owns (and dead-letters): logs and skips, copies nothing. */
  public static DeadLetters readerOnly() {
    return new DeadLetters(null, null, null);
  }

  /**
   * The records of one poll without the foreign ones, which went to the dead-letter topic. A
   * record the deserializer rejects ends the poll there (Kafka returns the records before it
   * first); the next poll continues after it.
   */
  public <V> ConsumerRecords<String, V> poll(Consumer<String, V> consumer, Duration timeout) {
    ConsumerRecords<String, V> records;
    try {
      records = consumer.poll(timeout);
    } catch (RecordDeserializationException e) {
      forward(e.topicPartition(), e.offset(), bytes(e.keyBuffer()), bytes(e.valueBuffer()), e.headers(),
          e.getCause() == null ? e : e.getCause());
      consumer.seek(e.topicPartition(), e.offset() + 1);
      return ConsumerRecords.empty();
    }
    return clients == null ? records : withoutValuelessRecords(records);
  }

  private <V> ConsumerRecords<String, V> withoutValuelessRecords(ConsumerRecords<String, V> records) {
    if (records.isEmpty()) {
      return records;
    }
    Map<TopicPartition, List<ConsumerRecord<String, V>>> kept = new HashMap<>();
    boolean dropped = false;
    for (TopicPartition partition : records.partitions()) {
      List<ConsumerRecord<String, V>> inPartition = new ArrayList<>();
      for (ConsumerRecord<String, V> record : records.records(partition)) {
        if (record.value() == null) {
          forward(partition, record.offset(), record.key() == null ? null
              : record.key().getBytes(StandardCharsets.UTF_8), null, record.headers(), new KafkaException(NO_VALUE));
          dropped = true;
        } else {
          inPartition.add(record);
        }
      }
      if (!inPartition.isEmpty()) {
        kept.put(partition, inPartition);
      }
    }
    return dropped ? new ConsumerRecords<>(kept, records.nextOffsets()) : records;
  }

  private void forward(TopicPartition from, long offset, byte[] key, byte[] value, Headers original,
      Throwable reason) {
    if (clients == null) {
      log.warn("Skipping the record at {} offset {}: it is not a milvus-migrate record ({}).", from, offset,
          reason.getMessage());
      return;
    }
    Headers headers = new RecordHeaders(original == null ? new Header[0] : original.toArray());
    header(headers, TOPIC_HEADER, from.topic());
    header(headers, PARTITION_HEADER, Integer.toString(from.partition()));
    header(headers, OFFSET_HEADER, Long.toString(offset));
    header(headers, EXCEPTION_HEADER, reason.getClass().getName());
    header(headers, MESSAGE_HEADER, String.valueOf(reason.getMessage()));
    try {
      producer().send(new ProducerRecord<>(deadLetterTopic, null, key, value, headers))
          .get(ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new KafkaException("Could not copy the foreign record at " + from + " offset " + offset + " to "
          + deadLetterTopic + ", so it is not skipped: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptException(e);
    }
    log.warn("The record at {} offset {} is not a milvus-migrate record ({}): copied to {} and skipped.", from, offset,
        reason.getMessage(), deadLetterTopic);
  }

  private static void header(Headers headers, String name, String value) {
    headers.remove(name);
    headers.add(name, value.getBytes(StandardCharsets.UTF_8));
  }

  private KafkaProducer<byte[], byte[]> producer() {
    if (producer == null) {
      producer = clients.rawProducer(clientId + "-dead-letters");
    }
    return producer;
  }

  private static byte[] bytes(ByteBuffer buffer) {
    if (buffer == null) {
      return null;
    }
    byte[] bytes = new byte[buffer.remaining()];
    buffer.duplicate().get(bytes);
    return bytes;
  }

  @Override
  public void close() {
    if (producer != null) {
      producer.close();
    }
  }
}
