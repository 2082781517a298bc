package dev.milvusmigrate.kafka;

import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * The send callback that adds up the serialized size (key and value) of the records Kafka
 * acknowledged. Committing a transaction or flushing runs every callback before it returns.
 */
public final class SentBytes implements Callback {

  private final AtomicLong bytes = new AtomicLong();

  @Override
  public void onCompletion(RecordMetadata metadata, Exception error) {
    if (error == null && metadata != null) {
      bytes.addAndGet(Math.max(0, metadata.serializedKeySize()) + Math.max(0, metadata.serializedValueSize()));
    }
  }

  public long total() {
    return bytes.get();
  }
}
