package dev.milvusmigrate.cli;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** Where Kafka is, the topic prefix and the {@code --config} file, shared by every command. */
final class KafkaOptions {

  @Option(names = "--kafka", paramLabel = "BOOTSTRAP",
      description = "Kafka bootstrap servers (env MILVUS_MIGRATE_KAFKA_BOOTSTRAP).")
  String kafka;

  @Option(names = "--topic-prefix", paramLabel = "PREFIX",
      description = "Prefix of every topic of the installation (default milvus-migrate).")
  String topicPrefix;

  @Option(names = "--config", paramLabel = "FILE",
      description = "Properties file with any of the settings (source.uri, source.token, source.user,"
          + " source.password, source.tls.ca-cert, the same for target, kafka.bootstrap, kafka.topic-prefix).")
  Path config;

  Map<String, String> overrides() {
    Map<String, String> overrides = new HashMap<>();
    overrides.put(CliSettings.KAFKA.name(), kafka);
    overrides.put(CliSettings.TOPIC_PREFIX.name(), topicPrefix);
    return overrides;
  }
}
