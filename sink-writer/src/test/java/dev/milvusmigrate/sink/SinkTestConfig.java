package dev.milvusmigrate.sink;

import dev.milvusmigrate.core.domain.TopicNames;
import java.util.HashMap;
import java.util.Map;

/** The sink's configuration in integration tests: the given source and target, short retries. */
final class SinkTestConfig {

  private SinkTestConfig() {}

  static SinkConfig of(String bootstrapServers, TopicNames topics, String sourceUri, String targetUri) {
    return of(bootstrapServers, topics, sourceUri, targetUri, Map.of());
  }

  /** @param extra further settings, e.g. {@code metrics.port} */
  static SinkConfig of(String bootstrapServers, TopicNames topics, String sourceUri, String targetUri,
      Map<String, String> extra) {
    Map<String, String> settings = new HashMap<>(Map.of(
        "kafka.bootstrap", bootstrapServers,
        "kafka.topic-prefix", topics.prefix(),
        "target.uri", targetUri,
        "source.uri", sourceUri,
        "sink.instance-id", "sink-it",
        "sink.retry.max-attempts", "3",
        "sink.retry.initial-backoff", "200ms"));
    settings.putAll(extra);
    return SinkConfig.of(Map.of(), Map.of(), settings);
  }
}
