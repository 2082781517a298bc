package dev.milvusmigrate.sink;

import dev.milvusmigrate.core.domain.TopicNames;
import java.util.HashMap;
import java.util.Map;

/** The sink's configuration in integration tests: one Milvus server as source and target, short retries. */
final class SinkTestConfig {

  private SinkTestConfig() {}

  static SinkConfig of(String bootstrapServers, TopicNames topics, String milvusUri) {
    return of(bootstrapServers, topics, milvusUri, Map.of());
  }

  /** @param extra further settings, e.g. {@code metrics.port} */
  static SinkConfig of(String bootstrapServers, TopicNames topics, String milvusUri, Map<String, String> extra) {
    Map<String, String> settings = new HashMap<>(Map.of(
        "kafka.bootstrap", bootstrapServers,
        "kafka.topic-prefix", topics.prefix(),
        "target.uri", milvusUri,
        "source.uri", milvusUri,
        "sink.instance-id", "sink-it",
        "sink.retry.max-attempts", "3",
        "sink.retry.initial-backoff", "200ms"));
    settings.putAll(extra);
    return SinkConfig.of(Map.of(), Map.of(), settings);
  }
}
