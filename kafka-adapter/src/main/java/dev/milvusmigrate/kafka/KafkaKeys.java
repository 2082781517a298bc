package dev.milvusmigrate.kafka;

import dev.milvusmigrate.core.config.Config;
import dev.milvusmigrate.core.config.ConfigKey;
import dev.milvusmigrate.core.domain.TopicNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The Kafka settings every service shares, declared once so that every service creates a
 * missing topic the same way, whichever starts first, gives up on unreachable servers alike and
 * connects with the same security settings ({@link KafkaClientKeys#PIPELINE}).
 */
public final class KafkaKeys {

  public static final ConfigKey<String> BOOTSTRAP = ConfigKey.hostPorts("kafka.bootstrap", null,
      "Kafka bootstrap servers, e.g. localhost:9092.");
  public static final ConfigKey<String> TOPIC_PREFIX = ConfigKey.string("kafka.topic-prefix", "milvus-migrate",
      "Prefix of every topic of the installation.");
  public static final ConfigKey<Integer> REPLICATION = ConfigKey.integer("kafka.replication-factor", 1, 1, 32,
      "Replication factor of topics created when missing (use 3 in production).");
  public static final ConfigKey<Integer> SNAPSHOT_PARTITIONS = ConfigKey.integer("kafka.snapshot-partitions", 6, 1,
      1024, "Partitions of a job's snapshot topic; bounds how many sinks share one job's collections.");
  public static final ConfigKey<Integer> MUTATION_PARTITIONS = ConfigKey.integer("kafka.mutation-partitions", 12, 1,
      1024, "Partitions of a job's mutations topic; bounds how many sinks share one job's changes.");

  public static final ConfigKey<Duration> CONNECT_TIMEOUT = ConfigKey.duration("connect.timeout", "60s",
      "How long a service tries to reach Kafka, and then each Milvus server, at start before it stops with exit"
      + " code 1.");

  private KafkaKeys() {}

  public static List<ConfigKey<?>> keys() {
    List<ConfigKey<?>> keys = new ArrayList<>(List.of(BOOTSTRAP, TOPIC_PREFIX, REPLICATION, SNAPSHOT_PARTITIONS,
        MUTATION_PARTITIONS, CONNECT_TIMEOUT));
    keys.addAll(KafkaClientKeys.PIPELINE.keys());
    return List.copyOf(keys);
  }

  /** The resolved Kafka settings of a service's config. */
  public static KafkaSettings settings(Config config) {
    return new KafkaSettings(config.get(BOOTSTRAP), new TopicNames(config.get(TOPIC_PREFIX)),
        config.get(REPLICATION).shortValue(), config.get(SNAPSHOT_PARTITIONS), config.get(MUTATION_PARTITIONS),
        config.get(CONNECT_TIMEOUT), KafkaClientKeys.PIPELINE.clientSettings(config));
  }
}
