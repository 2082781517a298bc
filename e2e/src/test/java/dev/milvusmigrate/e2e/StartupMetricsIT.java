package dev.milvusmigrate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.milvusmigrate.capture.CaptureConfig;
import dev.milvusmigrate.capture.CdcCaptureService;
import dev.milvusmigrate.exporter.ExporterConfig;
import dev.milvusmigrate.exporter.SnapshotExporterService;
import dev.milvusmigrate.lag.LagMonitorConfig;
import dev.milvusmigrate.lag.LagMonitorService;
import dev.milvusmigrate.runtime.ServiceLauncher;
import dev.milvusmigrate.schemas.avro.NotificationKind;
import dev.milvusmigrate.sink.SinkConfig;
import dev.milvusmigrate.sink.SinkWriterService;
import dev.milvusmigrate.testkit.kafka.KafkaBroker;
import dev.milvusmigrate.testkit.kafka.KafkaBrokerExtension;
import dev.milvusmigrate.testkit.metrics.PrometheusScrape;
import dev.milvusmigrate.testkit.milvus.MilvusLiteExtension;
import dev.milvusmigrate.testkit.milvus.MilvusLiteServer;
import dev.milvusmigrate.testkit.process.FreePorts;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every service, started on its own and before any job, serves the meters README's metrics table
 * lists as existing from start-up, each at 0: Prometheus alerts on them see 0, not a missing series.
 */
@ExtendWith({KafkaBrokerExtension.class, MilvusLiteExtension.class})
class StartupMetricsIT {

  @Test
  void snapshotExporter(KafkaBroker broker, MilvusLiteServer milvus) throws Exception {
    PrometheusScrape scrape = scrapeBeforeAnyJob("snapshot-exporter",
        ExporterConfig.of(Map.of(), Map.of(), settings(broker, milvus)),
        (config, registry) -> new SnapshotExporterService(config, registry).start());

    assertZero(scrape, "milvus_migrate_exporter_errors_total");
    assertZero(scrape, "milvus_migrate_exporter_retries_total");
  }

  @Test
  void cdcCapture(KafkaBroker broker, MilvusLiteServer milvus) throws Exception {
    PrometheusScrape scrape = scrapeBeforeAnyJob("cdc-capture", CaptureConfig.of(Map.of(), Map.of(),
        settings(broker, milvus, "capture.wal.bootstrap", broker.bootstrapServers())),
        (config, registry) -> new CdcCaptureService(config, registry).start());

    assertZero(scrape, "milvus_migrate_capture_errors_total");
    assertZero(scrape, "milvus_migrate_capture_restarts_total", "cause", "kafka");
    assertZero(scrape, "milvus_migrate_capture_restarts_total", "cause", "source");
  }

  @Test
  void sinkWriter(KafkaBroker broker, MilvusLiteServer milvus) throws Exception {
    PrometheusScrape scrape = scrapeBeforeAnyJob("sink-writer", SinkConfig.of(Map.of(), Map.of(),
        settings(broker, milvus, "target.uri", milvus.uri())),
        (config, registry) -> new SinkWriterService(config, registry).start());

    assertZero(scrape, "milvus_migrate_sink_errors_total");
    assertZero(scrape, "milvus_migrate_sink_target_retries_total");
  }

  @Test
  void lagMonitor(KafkaBroker broker) throws Exception {
    PrometheusScrape scrape = scrapeBeforeAnyJob("lag-monitor",
        LagMonitorConfig.of(Map.of(), Map.of(), settings(broker, null)),
        (config, registry) -> new LagMonitorService(config, registry).start());

    for (NotificationKind kind : NotificationKind.values()) {
      assertZero(scrape, "milvus_migrate_lag_notifications_total", "kind", kind.name());
    }
    assertZero(scrape, "milvus_migrate_lag_commands_rejected_total", "reason", "malformed");
    assertZero(scrape, "milvus_migrate_lag_commands_rejected_total", "reason", "refused");
    assertZero(scrape, "milvus_migrate_jobs_without_live_service");
  }

  private static <C extends ServiceLauncher.MetricsConfig> PrometheusScrape scrapeBeforeAnyJob(String service,
      C config, ServiceLauncher.Starter<C> starter) throws Exception {
    try (ServiceLauncher.Running running = ServiceLauncher.launch(service, config, starter)) {
      return PrometheusScrape.of(running.metricsPort());
    }
  }

  /** Kafka, a topic prefix of this test's own, a free metrics port, Milvus as the source and one more setting. */
  private static Map<String, String> settings(KafkaBroker broker, MilvusLiteServer source, String key, String value) {
    Map<String, String> settings = settings(broker, null);
    settings.put("source.uri", source.uri());
    settings.put(key, value);
    return settings;
  }

  /** Kafka, a topic prefix of this test's own, a free metrics port and, unless null, Milvus as the source. */
  private static Map<String, String> settings(KafkaBroker broker, MilvusLiteServer source) {
    Map<String, String> settings = new HashMap<>(Map.of("kafka.bootstrap", broker.bootstrapServers(),
        "kafka.topic-prefix", "startup-metrics-" + UUID.randomUUID(),
        "metrics.port", Integer.toString(FreePorts.allocate())));
    if (source != null) {
      settings.put("source.uri", source.uri());
    }
    return settings;
  }

  private static void assertZero(PrometheusScrape scrape, String metric, String... labels) {
    assertThat(scrape.has(metric, labels)).as("%s %s is served", metric, String.join("=", labels)).isTrue();
    assertThat(scrape.sum(metric, labels)).isZero();
  }
}
