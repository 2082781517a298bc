package dev.milvusmigrate.exporter;

import dev.milvusmigrate.kafka.ServiceKind;
import dev.milvusmigrate.kafka.PresencePublisher;
import dev.milvusmigrate.core.config.EndpointKeys;
import dev.milvusmigrate.runtime.JobRunnerFactory;
import dev.milvusmigrate.runtime.ServiceResources;
import dev.milvusmigrate.schemas.avro.JobSpec;
import java.util.List;
import java.util.Optional;

/**
 * The exports of the snapshot-exporter: one per job whose source is the configured one, all
 * sharing one source session, opened when the first job needs it ({@link SourceConnection}).
 */
final class JobExportFactory implements JobRunnerFactory<JobExport> {

  private final ExporterConfig config;
  private final ServiceResources shared;
  private final SourceConnection source;
  private final ProgressReporter progress;

  JobExportFactory(ExporterConfig config, ServiceResources shared) {
    this.config = config;
    this.shared = shared;
    this.source = new SourceConnection(config.source());
    this.progress = new ProgressReporter(shared.progress(), config.topics());
  }

  @Override
  public Optional<String> refusal(JobSpec spec) {
    return config.mismatch(EndpointKeys.SOURCE, spec.getSourceLabel());
  }

  @Override
  public JobExport create(JobSpec spec) {
    return new JobExport(spec, config, shared.clients(), source, progress,
        new ExporterMetrics(shared.registry(), spec.getJobId()));
  }

  @Override
  public PresencePublisher.Service identity(String name) {
    return new PresencePublisher.Service(ServiceKind.SNAPSHOT_EXPORTER, name, config.source(), null)
        .withAliases(config.aliases(EndpointKeys.SOURCE), List.of());
  }

  @Override
  public String describe() {
    return "instance " + config.instance().index() + " of " + config.instance().count() + ", source "
        + source.label();
  }

  @Override
  public void close() {
    source.close();
  }
}
