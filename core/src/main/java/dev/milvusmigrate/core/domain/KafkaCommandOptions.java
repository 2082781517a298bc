package dev.milvusmigrate.core.domain;

/**
 * The options a printed {@code milvus-migrate} command needs to reach a job's topics, so that it
 * runs as printed: {@code --kafka} always (the command has no other way to find the broker, an
 * embedded one included), {@code --topic-prefix} unless it is the default.
 */
public final class KafkaCommandOptions {

  private KafkaCommandOptions() {}

  /** E.g. {@code " --kafka 127.0.0.1:9092 --topic-prefix shop"}, with a leading space. */
  public static String of(String bootstrap, TopicNames topics) {
    boolean defaultPrefix = topics.equals(TopicNames.withDefaultPrefix());
    return " --kafka " + bootstrap + (defaultPrefix ? "" : " --topic-prefix " + topics.prefix());
  }
}
