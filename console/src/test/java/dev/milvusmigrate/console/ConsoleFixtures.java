package dev.milvusmigrate.console;

import dev.milvusmigrate.exporter.ExporterConfig;
import dev.milvusmigrate.exporter.SnapshotExporterService;
import dev.milvusmigrate.lag.LagMonitorConfig;
import dev.milvusmigrate.lag.LagMonitorService;
import dev.milvusmigrate.sink.SinkConfig;
import dev.milvusmigrate.sink.SinkWriterService;
import dev.milvusmigrate.testkit.kafka.KafkaBroker;
import java.io.IOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** A console on the shared broker and the services deployed next to it, for the API and browser tests. */
final class ConsoleFixtures {

  static final String READER = "reader-token-1";
  static final String OPERATOR = "operator-token-1";

  private ConsoleFixtures() {}

  static ConsoleServer console(String prefix) {
    return ConsoleServer.start(ConsoleConfig.of(Map.of(), Map.of(), Map.of("kafka.bootstrap",
        KafkaBroker.shared().bootstrapServers(), "kafka.topic-prefix", prefix, "console.host", "127.0.0.1",
        "console.port", "0", "console.read-tokens", READER, "console.operator-tokens", OPERATOR + ",operator-2")));
  }

  static LagMonitorService lagMonitor(String prefix) throws IOException {
    Map<String, String> settings = new HashMap<>(kafka(prefix));
    settings.put("lag.state-dir", Files.createTempDirectory("console-lag-state").toString());
    return new LagMonitorService(LagMonitorConfig.of(Map.of(), Map.of(), settings)).start();
  }

  static Map<String, String> kafka(String prefix) {
    return Map.of("kafka.bootstrap", KafkaBroker.shared().bootstrapServers(), "kafka.topic-prefix", prefix,
        "kafka.replication-factor", "1");
  }

  static String unique(String prefix) {
    return prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
  }

  /** The lag-monitor, exporter and sink deployed on their own next to the console. */
  static final class Services implements AutoCloseable {
    private final LagMonitorService lagMonitor;
    private final SnapshotExporterService exporter;
    private final SinkWriterService sink;

    Services(String prefix, String sourceUri, String targetUri) throws IOException {
      lagMonitor = lagMonitor(prefix);
      Map<String, String> exporterSettings = new HashMap<>(kafka(prefix));
      exporterSettings.put("source.uri", sourceUri);
      exporter = new SnapshotExporterService(ExporterConfig.of(Map.of(), Map.of(), exporterSettings)).start();
      Map<String, String> sinkSettings = new HashMap<>(exporterSettings);
      sinkSettings.put("target.uri", targetUri);
      sink = new SinkWriterService(SinkConfig.of(Map.of(), Map.of(), sinkSettings)).start();
    }

    @Override
    public void close() {
      sink.close();
      exporter.close();
      lagMonitor.close();
    }
  }
}
