package dev.milvusmigrate.console;

import dev.milvusmigrate.capture.CaptureConfig;
import dev.milvusmigrate.capture.CdcCaptureService;
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
    return lagMonitor(prefix, Map.of());
  }

  /** @param more more settings of the lag-monitor, e.g. a shorter {@code lag.hold} */
  static LagMonitorService lagMonitor(String prefix, Map<String, String> more) throws IOException {
    Map<String, String> settings = new HashMap<>(kafka(prefix));
    settings.putAll(more);
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

  /**
   * The lag-monitor, exporter and sink deployed on their own next to the console, and for a
   * zero-downtime job cdc-capture reading the capture-proxy's topic.
   */
  static final class Services implements AutoCloseable {
    private final LagMonitorService lagMonitor;
    private final SnapshotExporterService exporter;
    private final CdcCaptureService capture;
    private final SinkWriterService sink;

    /** For offline jobs. */
    Services(String prefix, String sourceUri, String targetUri) throws IOException {
      this(prefix, sourceUri, targetUri, false);
    }

    private Services(String prefix, String sourceUri, String targetUri, boolean zeroDowntime) throws IOException {
      // The lag must stay below the threshold 2 s (not 10 s) before the notification, to keep the test short.
      lagMonitor = zeroDowntime ? lagMonitor(prefix, Map.of("lag.hold", "2s")) : lagMonitor(prefix);
      Map<String, String> exporterSettings = new HashMap<>(kafka(prefix));
      exporterSettings.put("source.uri", sourceUri);
      exporter = new SnapshotExporterService(ExporterConfig.of(Map.of(), Map.of(), exporterSettings)).start();
      if (zeroDowntime) {
        Map<String, String> captureSettings = new HashMap<>(exporterSettings);
        captureSettings.putAll(Map.of("capture.heartbeat.interval", "200ms", "capture.channel.refresh", "1s",
            "capture.ddl.interval", "1s"));
        capture = new CdcCaptureService(CaptureConfig.of(Map.of(), Map.of(), captureSettings)).start();
      } else {
        capture = null;
      }
      Map<String, String> sinkSettings = new HashMap<>(exporterSettings);
      sinkSettings.put("target.uri", targetUri);
      sink = new SinkWriterService(SinkConfig.of(Map.of(), Map.of(), sinkSettings)).start();
    }

    /** For zero-downtime jobs whose changes a capture-proxy records (the job names it in {@code captureProxy}). */
    static Services zeroDowntime(String prefix, String sourceUri, String targetUri) throws IOException {
      return new Services(prefix, sourceUri, targetUri, true);
    }

    @Override
    public void close() {
      sink.close();
      if (capture != null) {
        capture.close();
      }
      exporter.close();
      lagMonitor.close();
    }
  }
}
