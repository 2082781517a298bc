package dev.milvusmigrate.bench;

import dev.milvusmigrate.testkit.metrics.PrometheusScrape;
import dev.milvusmigrate.testkit.process.FreePorts;
import dev.milvusmigrate.testkit.process.ServiceProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * N snapshot-exporter and N sink-writer processes, each started through its own {@code main} with a
 * properties file, as an operator runs them (bin/snapshot-exporter, bin/sink-writer): the exporters
 * share the collections ({@code exporter.instance.index}/{@code count}), the sinks the job's
 * partitions (one consumer group). Each serves {@code GET /metrics} on a port of its own, so its
 * work can be counted apart from the others'. Closing stops every process (SIGTERM, then SIGKILL).
 */
final class ServiceInstances implements AutoCloseable {

  static final String EXPORTER_ROWS = "milvus_migrate_exporter_rows_read_total";
  static final String SINK_ROWS = "milvus_migrate_sink_rows_applied_total";
  private static final Duration READY_TIMEOUT = Duration.ofMinutes(2);

  /** One process with the port of its metrics and the meter that shows it has started its service. */
  record Instance(String name, ServiceProcess process, int metricsPort, String startedMeter) {

    PrometheusScrape scrape() {
      return PrometheusScrape.of(metricsPort);
    }
  }

  private final List<Instance> exporters = new ArrayList<>();
  private final List<Instance> sinks = new ArrayList<>();

  private ServiceInstances() {}

  /**
   * Starts {@code count} exporters and {@code count} sinks on the pipeline's Kafka, their settings
   * and logs in {@code directory}; on a failure stops those already started.
   */
  static ServiceInstances start(int count, String kafkaBootstrap, String sourceUri, String targetUri, Path directory) {
    ServiceInstances instances = new ServiceInstances();
    try {
      Files.createDirectories(directory);
      for (int index = 0; index < count; index++) {
        Map<String, String> exporter = settings(kafkaBootstrap, sourceUri);
        exporter.put("exporter.instance.index", Integer.toString(index));
        exporter.put("exporter.instance.count", Integer.toString(count));
        instances.exporters.add(instances.launch("snapshot-exporter-" + index,
            "dev.milvusmigrate.exporter.SnapshotExporterMain", directory, exporter,
            "milvus_migrate_exporter_errors_total"));
        Map<String, String> sink = settings(kafkaBootstrap, sourceUri);
        sink.put("target.uri", targetUri);
        sink.put("sink.instance-id", "sink-writer-" + index);
        instances.sinks.add(instances.launch("sink-writer-" + index, "dev.milvusmigrate.sink.SinkWriterMain",
            directory, sink, "milvus_migrate_sink_errors_total"));
      }
      return instances;
    } catch (IOException e) {
      instances.close();
      throw new UncheckedIOException("Cannot create " + directory, e);
    } catch (RuntimeException e) {
      instances.close();
      throw e;
    }
  }

  private static Map<String, String> settings(String kafkaBootstrap, String sourceUri) {
    Map<String, String> settings = new HashMap<>();
    settings.put("kafka.bootstrap", kafkaBootstrap);
    settings.put("source.uri", sourceUri);
    settings.put("metrics.port", Integer.toString(FreePorts.allocate()));
    return settings;
  }

  private Instance launch(String name, String mainClass, Path directory, Map<String, String> settings,
      String startedMeter) {
    ServiceProcess process = ServiceProcess.start(name, mainClass, directory, settings);
    return new Instance(name, process, Integer.parseInt(settings.get("metrics.port")), startedMeter);
  }

  List<Instance> exporters() {
    return exporters;
  }

  List<Instance> sinks() {
    return sinks;
  }

  /** Waits until every process serves its service's meters; fails, with its output, when one exits first. */
  void awaitStarted() throws InterruptedException {
    Instant deadline = Instant.now().plus(READY_TIMEOUT);
    for (Instance instance : all()) {
      while (!started(instance)) {
        if (!instance.process().isAlive()) {
          throw new IllegalStateException(instance.name() + " stopped at start: " + instance.process().describe());
        }
        if (Instant.now().isAfter(deadline)) {
          throw new IllegalStateException(instance.name() + " did not serve its metrics within " + READY_TIMEOUT
              + ": " + instance.process().describe());
        }
        Thread.sleep(200);
      }
    }
  }

  /** Whether every process still runs: a service that stopped would leave the job waiting forever. */
  boolean anyStopped() {
    return all().stream().anyMatch(instance -> !instance.process().isAlive());
  }

  private static boolean started(Instance instance) {
    try {
      String meter = instance.startedMeter();
      return instance.scrape().samples().stream()
          .anyMatch(line -> line.startsWith(meter + " ") || line.startsWith(meter + "{"));
    } catch (UncheckedIOException | IllegalStateException e) {
      return false;
    }
  }

  private List<Instance> all() {
    List<Instance> all = new ArrayList<>(exporters);
    all.addAll(sinks);
    return all;
  }

  @Override
  public void close() {
    all().forEach(instance -> instance.process().close());
  }
}
