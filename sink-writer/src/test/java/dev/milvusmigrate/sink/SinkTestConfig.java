package dev.milvusmigrate.sink;

import dev.milvusmigrate.core.domain.TopicNames;
import dev.milvusmigrate.testkit.milvus.SecondMilvusLite;
import java.util.HashMap;
import java.util.Map;

/** The sink's configuration in integration tests: {@link SecondMilvusLite} as source, the given target, short retries. */
final class SinkTestConfig {

  private SinkTestConfig() {}

  static SinkConfig of(String bootstrapServers, TopicNames topics, String targetUri) {
    return of(bootstrapServers, topics, targetUri, Map.of());
  }

  /** @param extra further settings, e.g. {@code metrics.port} */
  static SinkConfig of(String bootstrapServers, TopicNames topics, String targetUri, Map<String, String> extra) {
    Map<String, String> settings = new HashMap<>(Map.of(
        "kafka.bootstrap", bootstrapServers,
        "kafka.topic-prefix", topics.prefix(),
        "target.uri", targetUri,
        "source.uri", SecondMilvusLite.get().uri(),
        "sink.instance-id", "sink-it",
        "sink.retry.max-attempts", "3",
        "sink.retry.initial-backoff", "200ms"));
    settings.putAll(extra);
    return SinkConfig.of(Map.of(), Map.of(), settings);
  }
}
