package dev.milvusmigrate.proxy;

import dev.milvusmigrate.milvus.api.AcknowledgedWrite;
import dev.milvusmigrate.milvus.api.AcknowledgedWriteDecoder;
import dev.milvusmigrate.milvus.api.UnreadableWrite;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the write calls the source answered into {@link AcknowledgedWrite}s for a consumer. Until
 * capture records them in Kafka, a write that cannot be read is logged and the application still
 * gets the source's answer.
 */
final class AcknowledgedWrites {

  private static final Logger log = LoggerFactory.getLogger(AcknowledgedWrites.class);

  private final AcknowledgedWriteDecoder decoder = new AcknowledgedWriteDecoder();
  private final Consumer<AcknowledgedWrite> consumer;
  private final Runnable unreadable;

  /** @param unreadable told of each write that could not be read */
  AcknowledgedWrites(Consumer<AcknowledgedWrite> consumer, Runnable unreadable) {
    this.consumer = consumer;
    this.unreadable = unreadable;
  }

  void answered(String method, String dbnameHeader, byte[] request, byte[] response) {
    try {
      decoder.decode(method, dbnameHeader, request, response).ifPresent(consumer);
    } catch (UnreadableWrite e) {
      unreadable.run();
      log.warn("A call of {} that the source acknowledged could not be read: {}", method, e.getMessage());
    }
  }
}
