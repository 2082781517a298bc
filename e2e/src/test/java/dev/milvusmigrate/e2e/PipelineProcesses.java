package dev.milvusmigrate.e2e;

import dev.milvusmigrate.testkit.process.FreePorts;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The four services of one zero-downtime job, each an operating-system process started through
 * its own {@code main}: snapshot-exporter, cdc-capture, sink-writer and lag-monitor. They share
 * only the pipeline's Kafka.
 */
final class PipelineProcesses implements AutoCloseable {

  static final String EXPORTER = "snapshot-exporter";
  static final String CAPTURE = "cdc-capture";
  static final String SINK = "sink-writer";
  static final String LAG_MONITOR = "lag-monitor";

  private final Map<String, ServiceProcess> services = new LinkedHashMap<>();

  /**
   * @param kafka the pipeline's Kafka settings shared by every service
   * @param directory where each service's settings, logs and state go
   */
  static PipelineProcesses start(Map<String, String> kafka, String sourceUri, String sourceLogKafka,
      String sourceLogPrefix, String targetUri, Path directory) {
    PipelineProcesses pipeline = new PipelineProcesses();
    pipeline.add(LAG_MONITOR, "dev.milvusmigrate.lag.LagMonitorMain", directory, kafka, Map.of(
        "lag.state-dir", directory.resolve("lag-state").toString(), "lag.hold", "2s"));
    pipeline.add(EXPORTER, "dev.milvusmigrate.exporter.SnapshotExporterMain", directory, kafka, Map.of(
        "source.uri", sourceUri, "exporter.batch.bytes", "16384", "exporter.page.rows", "100",
        "exporter.max-bytes-per-second", "30000"));
    pipeline.add(CAPTURE, "dev.milvusmigrate.capture.CdcCaptureMain", directory, kafka, Map.of(
        "source.uri", sourceUri, "capture.wal.bootstrap", sourceLogKafka, "capture.wal.prefix", sourceLogPrefix,
        "capture.heartbeat.interval", "200ms", "capture.channel.refresh", "1s", "capture.ddl.interval", "1s"));
    pipeline.add(SINK, "dev.milvusmigrate.sink.SinkWriterMain", directory, kafka, Map.of(
        "source.uri", sourceUri, "target.uri", targetUri));
    return pipeline;
  }

  private void add(String name, String mainClass, Path directory, Map<String, String> kafka,
      Map<String, String> own) {
    Map<String, String> settings = new HashMap<>(kafka);
    settings.putAll(own);
    settings.put("metrics.port", Integer.toString(FreePorts.allocate()));
    services.put(name, ServiceProcess.start(name, mainClass, directory, settings));
  }

  ServiceProcess service(String name) {
    return services.get(name);
  }

  /** Services that exited on their own, with their last output; empty when all run. */
  String exited() {
    StringBuilder exited = new StringBuilder();
    services.values().stream().filter(s -> !s.isAlive()).forEach(s -> exited.append(s.describe()).append('\n'));
    return exited.toString();
  }

  @Override
  public void close() {
    services.values().forEach(ServiceProcess::close);
  }
}
