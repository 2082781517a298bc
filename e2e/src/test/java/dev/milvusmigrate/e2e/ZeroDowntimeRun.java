package dev.milvusmigrate.e2e;

import dev.milvusmigrate.capture.CaptureConfig;
import dev.milvusmigrate.capture.CdcCaptureService;
import dev.milvusmigrate.core.domain.JobId;
import dev.milvusmigrate.core.domain.TopicNames;
import dev.milvusmigrate.exporter.ExporterConfig;
import dev.milvusmigrate.exporter.SnapshotExporterService;
import dev.milvusmigrate.kafka.KafkaClients;
import dev.milvusmigrate.kafka.TopicProvisioner;
import dev.milvusmigrate.lag.LagMonitorConfig;
import dev.milvusmigrate.lag.LagMonitorService;
import dev.milvusmigrate.schemas.serde.AvroTrust;
import dev.milvusmigrate.sink.SinkConfig;
import dev.milvusmigrate.sink.SinkWriterService;
import dev.milvusmigrate.testkit.kafka.KafkaBroker;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * One zero-downtime job against a real source and target, every service in this JVM as separate
 * instances that talk only through Kafka: snapshot-exporter, cdc-capture, sink-writer and
 * lag-monitor (lag hold time 2 s). Capture and sink can be replaced mid-job; the job is steered
 * and read back through {@link JobControl}.
 */
final class ZeroDowntimeRun implements AutoCloseable {

  static final int MUTATION_PARTITIONS = 3;

  private final JobControl control;
  private final String sourceUri;
  private final String sourceLogPrefix;
  private final Map<String, String> kafka;
  private final Map<String, String> sinkSettings;
  private final Map<String, String> captureSettings;
  private final LagMonitorService lagMonitor;
  private final SnapshotExporterService exporter;
  private CdcCaptureService capture;
  private SinkWriterService sink;
  private MeterRegistry sinkMeters;
  private MeterRegistry captureMeters;

  /** @param sourceLogPrefix the source's cluster prefix; null when capture reads a capture-proxy's topic */
  ZeroDowntimeRun(String name, String sourceUri, String sourceLogPrefix, String targetUri, Path lagState) {
    this(name, sourceUri, sourceLogPrefix, targetUri, lagState, Map.of());
  }

  /** @param sinkSettings more settings of the sink-writer */
  ZeroDowntimeRun(String name, String sourceUri, String sourceLogPrefix, String targetUri, Path lagState,
      Map<String, String> sinkSettings) {
    this(name, sourceUri, sourceLogPrefix, targetUri, lagState, sinkSettings, PipelineKafka.shared());
  }

  /**
   * The Kafka the services run on: their {@code kafka.*} settings (bootstrap and security), and a
   * plaintext address of the same cluster for the test's own clients. The source's log stays on
   * the test kit's shared broker unless {@code capture} says otherwise.
   *
   * @param capture settings of cdc-capture that replace the others (e.g. its own login, or an empty
   *     {@code capture.wal.bootstrap} to read the source's log from the pipeline's Kafka)
   */
  record PipelineKafka(Map<String, String> services, String plaintextBootstrap, Map<String, String> capture) {

    PipelineKafka(Map<String, String> services, String plaintextBootstrap) {
      this(services, plaintextBootstrap, Map.of());
    }

    static PipelineKafka shared() {
      String bootstrap = KafkaBroker.shared().bootstrapServers();
      return new PipelineKafka(Map.of("kafka.bootstrap", bootstrap), bootstrap);
    }
  }

  /** @param exporterSettings settings of the exporter that replace the paced defaults */
  ZeroDowntimeRun(String name, String sourceUri, String sourceLogPrefix, String targetUri, Path lagState,
      Map<String, String> sinkSettings, Map<String, String> exporterSettings) {
    this(name, sourceUri, sourceLogPrefix, targetUri, lagState, sinkSettings, PipelineKafka.shared(), exporterSettings);
  }

  /** @param pipeline where the services' Kafka is */
  ZeroDowntimeRun(String name, String sourceUri, String sourceLogPrefix, String targetUri, Path lagState,
      Map<String, String> sinkSettings, PipelineKafka pipeline) {
    this(name, sourceUri, sourceLogPrefix, targetUri, lagState, sinkSettings, pipeline, Map.of());
  }

  private ZeroDowntimeRun(String name, String sourceUri, String sourceLogPrefix, String targetUri, Path lagState,
      Map<String, String> sinkSettings, PipelineKafka pipeline, Map<String, String> exporterSettings) {
    AvroTrust.install();
    String bootstrap = pipeline.plaintextBootstrap();
    TopicNames topics = new TopicNames("e2e-" + name);
    this.sourceUri = sourceUri;
    this.sourceLogPrefix = sourceLogPrefix;
    Map<String, String> kafkaSettings = new HashMap<>(pipeline.services());
    kafkaSettings.putAll(Map.of("kafka.topic-prefix", topics.prefix(),
        "kafka.replication-factor", "1", "kafka.snapshot-partitions", "2",
        "kafka.mutation-partitions", Integer.toString(MUTATION_PARTITIONS)));
    this.kafka = Map.copyOf(kafkaSettings);
    Map<String, String> sink = new HashMap<>(sinkSettings);
    sink.putAll(Map.of("source.uri", sourceUri, "target.uri", targetUri));
    this.sinkSettings = Map.copyOf(sink);
    this.captureSettings = pipeline.capture();
    new TopicProvisioner(new KafkaClients(bootstrap, Map.of()), topics, (short) 1).ensureSharedTopics();
    this.lagMonitor = new LagMonitorService(LagMonitorConfig.of(Map.of(), Map.of(), with(Map.of("lag.state-dir",
        lagState.toString(), "lag.hold", "2s")))).start();
    Map<String, String> export = new HashMap<>(Map.of("source.uri", sourceUri, "exporter.batch.bytes", "16384",
        "exporter.page.rows", "50", "exporter.max-bytes-per-second", "60000"));
    export.putAll(exporterSettings);
    this.exporter = new SnapshotExporterService(ExporterConfig.of(Map.of(), Map.of(), with(export))).start();
    startCaptureAndSink();
    this.control = new JobControl(bootstrap, topics, new JobId(name), sourceUri, targetUri);
  }

  /** The settings of the pipeline's Kafka, for a capture-proxy recording into it. */
  Map<String, String> kafka() {
    return kafka;
  }

  JobControl control() {
    return control;
  }

  CdcCaptureService capture() {
    return capture;
  }

  SinkWriterService sink() {
    return sink;
  }

  /** Baselines the live verification of the running sink instance completed for the job. */
  double liveBaselines() {
    return sinkMeters.counter("milvus.migrate.sink.live.baselines", "job_id", control.job().value()).count();
  }

  /** A counter of the running sink-writer instance, e.g. {@code milvus.migrate.sink.kafka.restarts}. */
  double sinkCounter(String name, String... tags) {
    return sinkMeters.counter(name, tags).count();
  }

  /** Mutation rows the running sink-writer instance applied to the target, in every collection. */
  double sinkMutationRowsApplied() {
    return sinkMeters.find("milvus.migrate.sink.rows.applied").tag("stream", "mutations").counters().stream()
        .mapToDouble(counter -> counter.count()).sum();
  }

  /** A counter of the running cdc-capture instance, e.g. {@code milvus.migrate.capture.restarts}. */
  double captureCounter(String name, String... tags) {
    return captureMeters.counter(name, tags).count();
  }

  void stopCaptureAndSink() {
    capture.close();
    sink.close();
  }

  void startCaptureAndSink() {
    Map<String, String> settings = new HashMap<>(Map.of("source.uri", sourceUri, "capture.heartbeat.interval", "200ms",
        "capture.channel.refresh", "1s", "capture.ddl.interval", "1s"));
    if (sourceLogPrefix != null) {
      settings.put("capture.wal.prefix", sourceLogPrefix);
      settings.put("capture.wal.bootstrap", KafkaBroker.shared().bootstrapServers());
    }
    Map<String, String> all = with(settings);
    all.putAll(captureSettings);
    captureMeters = new SimpleMeterRegistry();
    capture = new CdcCaptureService(CaptureConfig.of(Map.of(), Map.of(), all), captureMeters).start();
    sinkMeters = new SimpleMeterRegistry();
    sink = new SinkWriterService(SinkConfig.of(Map.of(), Map.of(), with(sinkSettings)), sinkMeters).start();
  }

  private Map<String, String> with(Map<String, String> more) {
    Map<String, String> all = new HashMap<>(kafka);
    all.putAll(more);
    return all;
  }

  @Override
  public void close() {
    sink.close();
    capture.close();
    exporter.close();
    lagMonitor.close();
    control.close();
  }
}
