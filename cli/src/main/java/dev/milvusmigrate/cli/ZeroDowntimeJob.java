package dev.milvusmigrate.cli;

import dev.milvusmigrate.core.domain.JobId;
import dev.milvusmigrate.core.domain.MilvusEndpoint;
import dev.milvusmigrate.kafka.JobTopics;
import dev.milvusmigrate.schemas.JobSpecs;
import dev.milvusmigrate.schemas.avro.IndexPolicy;
import dev.milvusmigrate.schemas.avro.JobMode;
import dev.milvusmigrate.schemas.avro.JobSpec;
import dev.milvusmigrate.schemas.avro.JobStatus;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A zero-downtime job run in this process, as {@code milvus-migrate zdm} runs it: checks both
 * servers and the source's log, starts every service ({@link InProcessPipeline}) and submits the
 * job. Closing stops the services.
 */
public final class ZeroDowntimeJob implements AutoCloseable {

  private final JobId job;
  private final InProcessPipeline pipeline;

  private ZeroDowntimeJob(JobId job, InProcessPipeline pipeline) {
    this.job = job;
    this.pipeline = pipeline;
  }

  /**
   * Checks before anything is written (with {@code --external-services} also the announced
   * services, {@link dev.milvusmigrate.kafka.ServiceAnnouncements}), prints what the job does, starts the services and
   * submits the job.
   */
  public static ZeroDowntimeJob start(CliSettings settings, JobId job, InProcessPipeline.Capture capture,
      IndexPolicy indexPolicy, PrintWriter out) {
    return start(settings, job, capture, indexPolicy, null, out);
  }

  /** @param database the one database to copy and sync; null for every database of the source */
  public static ZeroDowntimeJob start(CliSettings settings, JobId job, InProcessPipeline.Capture capture,
      IndexPolicy indexPolicy, String database, PrintWriter out) {
    MilvusEndpoint source = settings.source();
    MilvusEndpoint target = settings.target();
    int collections = new Preflight().checkZeroDowntime(source, target, database);
    String changes = checkCapture(settings, capture, collections);
    ServicesOption.checkBeforeSubmitting(settings, JobMode.ZERO_DOWNTIME, source, target, out);
    out.println("Job " + job + ": zero-downtime migration of " + (database == null ? "every database"
        : "database " + database) + " of " + source.label() + " (" + collections + " collections now) to "
        + target.label() + ", then syncing " + changes + ".");
    out.flush();
    InProcessPipeline pipeline = InProcessPipeline.start(settings, job, Optional.of(capture));
    try {
      pipeline.topics().submit(spec(job, source, target, indexPolicy, capture, database));
    } catch (RuntimeException e) {
      pipeline.close();
      throw e;
    }
    return new ZeroDowntimeJob(job, pipeline);
  }

  public JobId id() {
    return job;
  }

  public JobTopics topics() {
    return pipeline.topics();
  }

  /** Follows the job to its end; Ctrl-C ({@code cancelRequested}) cancels it. Empty when a cancel was not confirmed. */
  public Optional<JobStatus> follow(Consumer<JobStatus> onUpdate, BooleanSupplier cancelRequested) {
    return follower().follow(job.value(), onUpdate, cancelRequested);
  }

  /** The first status that matches {@code wanted} or is final; every status on the way goes to {@code onUpdate}. */
  public JobStatus until(Predicate<JobStatus> wanted, Consumer<JobStatus> onUpdate) {
    return follower().until(job.value(), wanted, onUpdate);
  }

  /** Prints the verification table and the final state; returns the exit code. */
  public int report(PrintWriter out, Optional<JobStatus> last) {
    return JobOutcome.report(out, pipeline.topics(), job, last);
  }

  private StatusFollower follower() {
    return new StatusFollower(pipeline.topics(), pipeline::statusServiceStopped);
  }

  /** Checks that the changes can be read; returns what is synced, for the user. */
  private static String checkCapture(CliSettings settings, InProcessPipeline.Capture capture, int collections) {
    if (capture instanceof InProcessPipeline.SourceLog log) {
      SourceLogCheck.check(settings.sourceLogConnection(log.bootstrapServers()), log.clusterPrefix(), collections);
      return "changes from its log at " + log.bootstrapServers() + " (" + log.clusterPrefix() + "-rootcoord-dml_*)";
    }
    if (capture instanceof InProcessPipeline.PulsarSourceLog log) {
      PulsarLogCheck.check(log, collections, System.getenv());
      return "changes from its log on Pulsar at " + log.serviceUrl() + " (" + log.tenantNamespace() + "/"
          + log.clusterPrefix() + "-rootcoord-dml_*)";
    }
    String sourceId = ((InProcessPipeline.ProxyTopic) capture).sourceId();
    SourceLogCheck.checkProxy(settings.kafkaClients(settings.kafka()), settings.topics(), sourceId);
    return "the writes its capture-proxy '" + sourceId + "' records";
  }

  private static JobSpec spec(JobId job, MilvusEndpoint source, MilvusEndpoint target, IndexPolicy indexPolicy,
      InProcessPipeline.Capture capture, String database) {
    JobSpec spec = JobSpecs.zeroDowntime(job.value(), indexPolicy, source.label(), target.label());
    spec.setCaptureProxy(capture instanceof InProcessPipeline.ProxyTopic proxy ? proxy.sourceId() : null);
    spec.setDatabase(database);
    return spec;
  }

  @Override
  public void close() {
    pipeline.close();
  }
}
