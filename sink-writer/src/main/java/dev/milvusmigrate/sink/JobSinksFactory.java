package dev.milvusmigrate.sink;

import dev.milvusmigrate.kafka.ServiceKind;
import dev.milvusmigrate.kafka.PresencePublisher;
import dev.milvusmigrate.core.config.EndpointKeys;
import dev.milvusmigrate.milvus.MilvusAccessException;
import dev.milvusmigrate.milvus.MilvusConnector;
import dev.milvusmigrate.milvus.MilvusSession;
import dev.milvusmigrate.runtime.JobRunnerFactory;
import dev.milvusmigrate.runtime.ServiceResources;
import dev.milvusmigrate.schemas.avro.JobMode;
import dev.milvusmigrate.schemas.avro.JobSpec;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sinks of the sink-writer: one {@link JobSinks} per job whose target and source are the
 * configured ones, all sharing one session to the target and one to the source (for verification
 * and index parameters), opened at start.
 */
final class JobSinksFactory implements JobRunnerFactory<JobSinks> {

  private static final Logger log = LoggerFactory.getLogger(JobSinksFactory.class);

  private final SinkConfig config;
  private final SinkContext context;

  private JobSinksFactory(SinkConfig config, SinkContext context) {
    this.config = config;
    this.context = context;
  }

  /** Connects to the target, then the source, each within {@code connect.timeout}. */
  static JobSinksFactory open(SinkConfig config, ServiceResources shared) {
    MilvusSession target = MilvusConnector.connectWithin(config.target(), config.kafka().connectTimeout());
    try {
      MilvusSession source = MilvusConnector.connectWithin(config.source(), config.kafka().connectTimeout());
      return new JobSinksFactory(config, new SinkContext(shared.clients(), config.topics(), config.instanceId(),
          source, target, shared.progress(), config.sampleSize(), config.verifyInFull(), config.retryPolicy(), shared.registry(),
          config.live()));
    } catch (RuntimeException e) {
      target.close();
      throw e;
    }
  }

  /** Why the job is not for this sink (DESIGN invariant 10), checked before anything is written. */
  @Override
  public Optional<String> refusal(JobSpec spec) {
    try {
      return config.mismatch(EndpointKeys.TARGET, spec.getTargetLabel())
          .or(() -> config.mismatch(EndpointKeys.SOURCE, spec.getSourceLabel()))
          .or(() -> SourceIsNotTarget.check(config.source(), context.source(), config.target(), context.target(),
              "point target.uri of the sink-writer at the target server"));
    } catch (MilvusAccessException e) {
      return Optional.of(e.getMessage());
    }
  }

  @Override
  public JobSinks create(JobSpec spec) {
    log.info("Sinking {} job {} into {}.", spec.getMode() == JobMode.OFFLINE ? "offline" : "zero-downtime",
        spec.getJobId(), config.target().label());
    return new JobSinks(spec, context);
  }

  @Override
  public PresencePublisher.Service identity(String name) {
    return new PresencePublisher.Service(ServiceKind.SINK_WRITER, name, config.source(), config.target())
        .withAliases(config.aliases(EndpointKeys.SOURCE), config.aliases(EndpointKeys.TARGET));
  }

  @Override
  public String describe() {
    return "target " + config.target().label() + ", source " + config.source().label();
  }

  @Override
  public void close() {
    context.source().close();
    context.target().close();
  }
}
