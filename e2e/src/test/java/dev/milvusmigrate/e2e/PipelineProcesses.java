package dev.milvusmigrate.e2e;

import dev.milvusmigrate.testkit.process.FreePorts;
import dev.milvusmigrate.testkit.process.ServiceProcess;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

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
  /** The sink-writers started beside the first one, in the same consumer groups ({@link #scaleSinks}). */
  private final List<ServiceProcess> extraSinks = new ArrayList<>();
  private final Map<String, Map<String, String>> settings = new HashMap<>();
  private Path directory;
  private Map<String, List<String>> launchers;

  /**
   * @param kafka the pipeline's Kafka settings shared by every service
   * @param sourceLog cdc-capture's settings of the source's log (Kafka or Pulsar) and cluster prefix
   * @param directory where each service's settings, logs and state go
   * @param launchers command prefixes of the services started through one (e.g. into a network namespace)
   */
  static PipelineProcesses start(Map<String, String> kafka, String sourceUri, Map<String, String> sourceLog,
      String targetUri, Path directory, Map<String, List<String>> launchers) {
    PipelineProcesses pipeline = new PipelineProcesses();
    pipeline.directory = directory;
    pipeline.launchers = launchers;
    pipeline.add(LAG_MONITOR, "dev.milvusmigrate.lag.LagMonitorMain", directory, kafka, Map.of(
        "lag.state-dir", directory.resolve("lag-state").toString(), "lag.hold", "2s"));
    pipeline.add(EXPORTER, "dev.milvusmigrate.exporter.SnapshotExporterMain", directory, kafka, Map.of(
        "source.uri", sourceUri, "exporter.batch.bytes", "16384", "exporter.page.rows", "100",
        "exporter.max-bytes-per-second", "30000"));
    Map<String, String> capture = new HashMap<>(sourceLog);
    capture.putAll(Map.of("source.uri", sourceUri, "capture.heartbeat.interval", "200ms", "capture.channel.refresh",
        "1s", "capture.ddl.interval", "1s"));
    pipeline.add(CAPTURE, "dev.milvusmigrate.capture.CdcCaptureMain", directory, kafka, capture);
    pipeline.add(SINK, "dev.milvusmigrate.sink.SinkWriterMain", directory, kafka, Map.of(
        "source.uri", sourceUri, "target.uri", targetUri));
    return pipeline;
  }

  private void add(String name, String mainClass, Path directory, Map<String, String> kafka,
      Map<String, String> own) {
    Map<String, String> all = new HashMap<>(kafka);
    all.putAll(own);
    all.put("main-class", mainClass);
    settings.put(name, all);
    services.put(name, ServiceProcess.start(name, mainClass, directory, withMetricsPort(all), launcher(name)));
  }

  private List<String> launcher(String service) {
    return launchers.getOrDefault(service, List.of());
  }

  private static Map<String, String> withMetricsPort(Map<String, String> settings) {
    Map<String, String> all = new HashMap<>(settings);
    all.remove("main-class");
    all.put("metrics.port", Integer.toString(FreePorts.allocate()));
    return all;
  }

  /**
   * Runs {@code instances} sink-writers: more are started as processes of their own on the first
   * one's settings (the same consumer groups, their own {@code sink.instance-id}), or the last
   * ones started are stopped with SIGTERM, as a deployment scales down.
   */
  void scaleSinks(int instances) {
    while (1 + extraSinks.size() < instances) {
      String name = SINK + "-" + (extraSinks.size() + 2);
      Map<String, String> sink = withMetricsPort(settings.get(SINK));
      sink.put("sink.instance-id", name);
      extraSinks.add(ServiceProcess.start(name, settings.get(SINK).get("main-class"), directory, sink,
          launcher(SINK)));
    }
    while (1 + extraSinks.size() > instances && !extraSinks.isEmpty()) {
      extraSinks.remove(extraSinks.size() - 1).close();
    }
  }

  ServiceProcess service(String name) {
    return services.get(name);
  }

  /** Services that exited on their own, with their last output; empty when all run. */
  String exited() {
    StringBuilder exited = new StringBuilder();
    Stream.concat(services.values().stream(), extraSinks.stream()).filter(s -> !s.isAlive()).forEach(s -> exited.append(s.describe()).append('\n'));
    return exited.toString();
  }

  @Override
  public void close() {
    extraSinks.forEach(ServiceProcess::close);
    services.values().forEach(ServiceProcess::close);
  }
}
