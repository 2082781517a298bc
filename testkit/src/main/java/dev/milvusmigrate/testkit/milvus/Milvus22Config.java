package dev.milvusmigrate.testkit.milvus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Renders the {@code milvus.yaml} of a Milvus 2.2.16 standalone instance from its package's
 * template, like {@link StandaloneConfig} does for 2.3.5. 2.2 has no {@code mq.type}: it uses the
 * first queue whose address is filled in, rocksmq before Pulsar before Kafka, so Kafka needs the
 * other two emptied. Its gRPC and metrics servers listen on every interface (2.2 has no setting
 * for that); every port is chosen free.
 */
final class Milvus22Config {

  private static final String PULSAR = "  address: localhost # Address of pulsar\n";
  private static final String KAFKA = "#  brokerList: localhost1:9092,localhost2:9092,localhost3:9092\n";
  private static final String EMBEDDED_ETCD = "  use:\n    # please adjust in embedded Milvus: true\n    embed: true";

  private Milvus22Config() {}

  /** Writes configs/milvus.yaml and configs/embedEtcd.yaml under {@code directory}; returns configs/. */
  static Path write(Path distribution, Path directory, StandalonePorts ports, StandaloneOptions options) {
    try {
      Path configs = Files.createDirectories(directory.resolve("configs"));
      Path etcdConfig = configs.resolve("embedEtcd.yaml");
      Files.writeString(etcdConfig, StandaloneConfig.embeddedEtcd(ports));
      String template = Files.readString(distribution.resolve("config.yaml.template"));
      String yaml = StandaloneConfig.fillPlaceholders(template, placeholderValues(directory, ports, options));
      yaml = StandaloneConfig.replaceOnce(yaml, EMBEDDED_ETCD,
          "  config:\n    path: " + etcdConfig + "\n  use:\n    embed: true");
      yaml = StandaloneConfig.replaceOnce(yaml, "    cluster: \"by-dev\"\n",
          "    cluster: \"" + options.clusterPrefix() + "\"\n");
      if (options.kafkaLogin().isPresent()) {
        throw new IllegalArgumentException("The test kit logs Milvus in to its Kafka only for 2.3.5");
      }
      if (options.kafkaBootstrapServers().isPresent()) {
        yaml = StandaloneConfig.replaceOnce(yaml, PULSAR, "  address: \"\"\n");
        yaml = StandaloneConfig.replaceOnce(yaml, KAFKA,
            "  brokerList: " + options.kafkaBootstrapServers().get() + "\n");
      }
      Files.writeString(configs.resolve("milvus.yaml"), yaml);
      return configs;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not write the Milvus 2.2 config in " + directory, e);
    }
  }

  private static Map<String, String> placeholderValues(Path directory, StandalonePorts ports,
      StandaloneOptions options) {
    Map<String, String> values = StandaloneConfig.sharedPlaceholders(directory, ports, options);
    values.put("rocketmq_data_dir", options.kafkaBootstrapServers().isPresent() ? "\"\""
        : directory.resolve("data").resolve("rocksmq").toString());
    values.put("system_log_level", "info");
    return values;
  }
}
