package dev.milvusmigrate.cli;

import dev.milvusmigrate.capture.CaptureConfig;
import dev.milvusmigrate.capture.CdcCaptureService;
import dev.milvusmigrate.core.domain.JobId;
import dev.milvusmigrate.exporter.ExporterConfig;
import dev.milvusmigrate.exporter.SnapshotExporterService;
import dev.milvusmigrate.kafka.JobTopics;
import dev.milvusmigrate.kafka.KafkaClientKeys;
import dev.milvusmigrate.kafka.KafkaClients;
import dev.milvusmigrate.kafka.TopicProvisioner;
import dev.milvusmigrate.lag.LagMonitorConfig;
import dev.milvusmigrate.lag.LagMonitorService;
import dev.milvusmigrate.runtime.CloseStack;
import dev.milvusmigrate.schemas.avro.JobMode;
import dev.milvusmigrate.sink.SinkConfig;
import dev.milvusmigrate.sink.SinkWriterService;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Every service of a migration in this process: an embedded Kafka broker when no external one is
 * given, the topics, the lag-monitor, cdc-capture (zero-downtime jobs), the snapshot-exporter and
 * the sink-writer.
 * Closing stops them in reverse order and deletes what was temporary.
 */
public final class InProcessPipeline implements AutoCloseable {

  static final int SNAPSHOT_PARTITIONS = 4;
  static final int MUTATION_PARTITIONS = 3;

  /** Where cdc-capture reads the source's changes, for zero-downtime jobs. */
  public sealed interface Capture permits SourceLog, PulsarSourceLog, ProxyTopic {}

  /** The source's own log: Milvus 2.3-2.5 with Kafka as its message queue. */
  public record SourceLog(String bootstrapServers, String clusterPrefix) implements Capture {}

  /**
   * The source's own log: Milvus 2.2-2.5 with Pulsar as its message queue, at its service URL and
   * admin REST URL (empty: derived from the service URL), its topics in {@code tenant/namespace}.
   * A token and trusted certificates come from capture.wal.pulsar.* settings.
   */
  public record PulsarSourceLog(String serviceUrl, String adminUrl, String tenantNamespace, String clusterPrefix)
      implements Capture {}

  /** The topic of the capture-proxy the applications write through, on the pipeline's Kafka. */
  public record ProxyTopic(String sourceId) implements Capture {}

  private final CloseStack started;
  private final JobTopics topics;
  private final LagMonitorService statusService;

  private InProcessPipeline(CloseStack started, JobTopics topics, LagMonitorService statusService) {
    this.started = started;
    this.topics = topics;
    this.statusService = statusService;
  }

  /**
   * Whether the service that maintains the job-status view has stopped for good: following it
   * would wait forever. Never, when the services run elsewhere.
   */
  public boolean statusServiceStopped() {
    return statusService != null && statusService.hasStopped();
  }

  /** Starts the services of an offline migration; on a failure stops what was already started. */
  public static InProcessPipeline start(CliSettings settings, JobId job) {
    return start(settings, job, Optional.empty());
  }

  /**
   * Starts every service, cdc-capture too when it is told where to capture (zero-downtime jobs), or
   * none when the settings say they run elsewhere ({@code --external-services}); on a failure stops
   * what was already started.
   */
  public static InProcessPipeline start(CliSettings settings, JobId job, Optional<? extends Capture> capture) {
    CloseStack started = new CloseStack();
    try {
      String bootstrap = settings.kafka();
      if (bootstrap.isBlank()) {
        EmbeddedKafka kafka = EmbeddedKafka.start();
        started.push(kafka);
        bootstrap = kafka.bootstrapServers();
      }
      KafkaClients clients = settings.kafkaClients(bootstrap);
      TopicProvisioner provisioner = new TopicProvisioner(clients, settings.topics(), settings.replicationFactor());
      provisioner.ensureSharedTopics();
      provisioner.ensureJobTopics(job, capture.isPresent() ? JobMode.ZERO_DOWNTIME : JobMode.OFFLINE,
          SNAPSHOT_PARTITIONS, MUTATION_PARTITIONS);
      LagMonitorService statusService = settings.externalServices() ? null
          : startServices(settings, bootstrap, capture, started);
      return new InProcessPipeline(started, new JobTopics(clients, settings.topics(), KafkaCommand.CLIENT_ID), statusService);
    } catch (RuntimeException e) {
      started.closeAfter(e);
      throw e;
    }
  }

  private static LagMonitorService startServices(CliSettings settings, String bootstrap,
      Optional<? extends Capture> capture, CloseStack started) {
    Map<String, String> kafka = kafkaSettings(settings, bootstrap);
    LagMonitorService statusService = new LagMonitorService(LagMonitorConfig.of(Map.of(), System.getenv(), kafka))
        .start();
    started.push(statusService);
    Map<String, String> exporter = new HashMap<>(kafka);
    exporter.putAll(settings.serviceSettings(CliSettings.SOURCE));
    if (capture.isPresent()) {
      Map<String, String> captureSettings = new HashMap<>(exporter);
      captureSettings.putAll(settings.serviceSettings(KafkaClientKeys.SOURCE_LOG));
      if (capture.get() instanceof SourceLog log) {
        captureSettings.put("capture.wal.bootstrap", log.bootstrapServers());
        captureSettings.put("capture.wal.prefix", log.clusterPrefix());
      } else if (capture.get() instanceof PulsarSourceLog log) {
        String[] tenantNamespace = log.tenantNamespace().split("/", 2);
        captureSettings.put("capture.wal.pulsar.service-url", log.serviceUrl());
        captureSettings.put("capture.wal.pulsar.admin-url", log.adminUrl() == null ? "" : log.adminUrl());
        captureSettings.put("capture.wal.pulsar.tenant", tenantNamespace[0]);
        captureSettings.put("capture.wal.pulsar.namespace", tenantNamespace[1]);
        captureSettings.put("capture.wal.prefix", log.clusterPrefix());
      }
      started.push(new CdcCaptureService(CaptureConfig.of(Map.of(), System.getenv(), captureSettings)).start());
    }
    started.push(new SnapshotExporterService(ExporterConfig.of(Map.of(), System.getenv(), exporter)).start());
    Map<String, String> sink = new HashMap<>(kafka);
    sink.putAll(settings.serviceSettings(CliSettings.SOURCE));
    sink.putAll(settings.serviceSettings(CliSettings.TARGET));
    started.push(new SinkWriterService(SinkConfig.of(Map.of(), System.getenv(), sink)).start());
    return statusService;
  }

  public JobTopics topics() {
    return topics;
  }

  private static Map<String, String> kafkaSettings(CliSettings settings, String bootstrap) {
    Map<String, String> kafka = new HashMap<>(Map.of("kafka.bootstrap", bootstrap, "kafka.topic-prefix",
        settings.topics().prefix(), "kafka.replication-factor", Short.toString(settings.replicationFactor()),
        "kafka.snapshot-partitions", Integer.toString(SNAPSHOT_PARTITIONS),
        "kafka.mutation-partitions", Integer.toString(MUTATION_PARTITIONS)));
    if (bootstrap.equals(settings.kafka())) {
      kafka.putAll(settings.serviceSettings(KafkaClientKeys.PIPELINE));
    }
    return kafka;
  }

  @Override
  public void close() {
    started.close();
  }
}
