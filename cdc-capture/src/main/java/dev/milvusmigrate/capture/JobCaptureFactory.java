package dev.milvusmigrate.capture;

import dev.milvusmigrate.kafka.ServiceKind;
import dev.milvusmigrate.kafka.PresencePublisher;
import dev.milvusmigrate.core.config.EndpointKeys;
import dev.milvusmigrate.milvus.MilvusConnector;
import dev.milvusmigrate.milvus.MilvusSession;
import dev.milvusmigrate.runtime.JobRunnerFactory;
import dev.milvusmigrate.runtime.ServiceResources;
import dev.milvusmigrate.schemas.avro.ControlCommand;
import dev.milvusmigrate.schemas.avro.JobMode;
import dev.milvusmigrate.schemas.avro.JobSpec;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The captures of cdc-capture: one per zero-downtime job whose source is the configured one, all
 * sharing one source session, opened at start. A STOP_SYNC is remembered, so a capture made after
 * it (the command was read before its job) stops the sync too.
 */
final class JobCaptureFactory implements JobRunnerFactory<JobCapture<?>> {

  private static final Logger log = LoggerFactory.getLogger(JobCaptureFactory.class);

  private final CaptureConfig config;
  private final ServiceResources shared;
  private final MilvusSession source;
  private final Set<String> stopSyncRequested = ConcurrentHashMap.newKeySet();
  private final Optional<EndedJobSubscriptions> endedJobSubscriptions;

  private JobCaptureFactory(CaptureConfig config, ServiceResources shared, MilvusSession source) {
    this.config = config;
    this.shared = shared;
    this.source = source;
    this.endedJobSubscriptions = config.walPulsar()
        .map(pulsar -> new EndedJobSubscriptions(pulsar, config.topics().prefix(), config.walPrefix()));
  }

  /** Connects to the source within {@code connect.timeout}. */
  static JobCaptureFactory open(CaptureConfig config, ServiceResources shared) {
    return new JobCaptureFactory(config, shared,
        MilvusConnector.connectWithin(config.source(), config.kafka().connectTimeout()));
  }

  @Override
  public boolean takes(JobSpec spec) {
    return spec.getMode() == JobMode.ZERO_DOWNTIME;
  }

  @Override
  public Optional<String> refusal(JobSpec spec) {
    return config.mismatch(EndpointKeys.SOURCE, spec.getSourceLabel());
  }

  @Override
  public JobCapture<?> create(JobSpec spec) {
    String jobId = spec.getJobId();
    CaptureSource<?> from = captureSource(spec);
    JobCapture<?> capture = new JobCapture<>(spec, config, shared.clients(), source, from,
        failure -> shared.failures().failed(jobId, failure), new CaptureMetrics(shared.registry(), jobId));
    if (stopSyncRequested.contains(jobId)) {
      capture.stopSync();
    }
    log.info("Capturing zero-downtime job {} from the {}", jobId, from.describe());
    return capture;
  }

  /** The capture-proxy's topic when the job names a proxy, else the source's own log, on Pulsar or Kafka. */
  private CaptureSource<?> captureSource(JobSpec spec) {
    if (spec.getCaptureProxy() == null) {
      return config.walPulsar()
          .map(pulsar -> WalCapture.onPulsar(pulsar, PulsarLog.subscription(config.topics().prefix(),
              spec.getJobId()), config.walPrefix()))
          .orElseGet(() -> WalCapture.onKafka(config.walConnection(), config.walKeys(), config.walPrefix()));
    }
    return new ProxyCapture(shared.clients().connectionSettings(), config.topics().proxyChanges(spec.getCaptureProxy()),
        spec.getCaptureProxy(), Clock.systemUTC(), source.server());
  }

  @Override
  public void stopSyncRequested(ControlCommand command, Optional<JobCapture<?>> running) {
    if (!command.getWritesStoppedConfirmed()) {
      log.warn("Ignoring STOP_SYNC {} of job {}: writes to the source were not confirmed as stopped.",
          command.getCommandId(), command.getJobId());
      return;
    }
    stopSyncRequested.add(command.getJobId());
    running.ifPresent(capture -> {
      log.info("Job {}: STOP_SYNC {} received.", command.getJobId(), command.getCommandId());
      capture.stopSync();
    });
  }

  /** A job that ended while no capture of it ran here may have left its subscription on the source's Pulsar. */
  @Override
  public void endedWithoutRunner(Set<String> jobIds) {
    endedJobSubscriptions.ifPresent(subscriptions -> subscriptions.jobsEnded(jobIds));
  }

  @Override
  public PresencePublisher.Service identity(String name) {
    return new PresencePublisher.Service(ServiceKind.CDC_CAPTURE, name, config.source(), null)
        .withAliases(config.aliases(EndpointKeys.SOURCE), List.of());
  }

  @Override
  public String describe() {
    return "source " + config.source().label() + ", its log " + config.walPrefix() + " on "
        + config.walPulsar().map(pulsar -> "Pulsar " + pulsar).orElseGet(() -> "Kafka " + config.walBootstrap())
        + " or a capture-proxy's topic, as each job says";
  }

  @Override
  public void close() {
    endedJobSubscriptions.ifPresent(EndedJobSubscriptions::close);
    source.close();
  }
}
