package dev.milvusmigrate.kafka;

/** Kafka could not be used; the message says what is wrong and what to do. */
public final class KafkaAccessException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public KafkaAccessException(String message, Throwable cause) {
    super(message, cause);
  }
}
