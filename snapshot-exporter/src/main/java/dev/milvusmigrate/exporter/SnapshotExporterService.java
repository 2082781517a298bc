package dev.milvusmigrate.exporter;

import dev.milvusmigrate.core.domain.EndpointMismatch;
import dev.milvusmigrate.core.domain.JobFailure;
import dev.milvusmigrate.core.domain.JobId;
import dev.milvusmigrate.kafka.JobFeed;
import dev.milvusmigrate.kafka.KafkaClients;
import dev.milvusmigrate.kafka.LogContext;
import dev.milvusmigrate.kafka.PresencePublisher;
import dev.milvusmigrate.kafka.ServiceKind;
import dev.milvusmigrate.kafka.TopicProvisioner;
import dev.milvusmigrate.schemas.avro.JobSpec;
import dev.milvusmigrate.schemas.avro.JobState;
import dev.milvusmigrate.schemas.avro.ProgressEvent;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The snapshot-exporter: watches the jobs topic and exports a consistent snapshot of every
 * offline job's source collections (the share this instance owns) to the job's snapshot topic,
 * resumably. One source session serves all jobs; each job runs on its own thread and stops
 * promptly when the job is cancelled or ends.
 */
public final class SnapshotExporterService implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(SnapshotExporterService.class);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

  private final ExporterConfig config;
  private final KafkaClients clients;
  private final TopicProvisioner provisioner;
  private final SourceConnection source;
  private final String clientId;
  private final Map<String, JobExport> running = new ConcurrentHashMap<>();
  /** Jobs whose share this instance has exported and that have not ended. */
  private final Set<String> exported = ConcurrentHashMap.newKeySet();
  private final ExecutorService jobThreads;
  private final MeterRegistry registry;
  private KafkaProducer<String, ProgressEvent> progressProducer;
  private ProgressReporter progress;
  private volatile JobFeed feed;
  private PresencePublisher presence;
  private volatile boolean closed;

  /** An exporter whose meters nobody scrapes (in-process use). */
  public SnapshotExporterService(ExporterConfig config) {
    this(config, new SimpleMeterRegistry());
  }

  public SnapshotExporterService(ExporterConfig config, MeterRegistry registry) {
    this.config = config;
    this.registry = registry;
    ExporterMetrics.registerServiceMeters(registry);
    this.clients = config.kafka().clients();
    this.provisioner = config.kafka().provisioner(clients);
    this.source = new SourceConnection(config.source());
    this.clientId = "snapshot-exporter-" + config.instance().index();
    this.jobThreads = Executors.newCachedThreadPool(runnable -> {
      Thread thread = new Thread(runnable, clientId + "-job");
      thread.setDaemon(true);
      return thread;
    });
  }

  /** Creates the shared topics if missing and starts following the jobs. */
  public SnapshotExporterService start() {
    log.info(config.describe());
    provisioner.ensureSharedTopics();
    progressProducer = clients.producer(ProgressEvent.class, clientId + "-progress");
    progress = new ProgressReporter(progressProducer, config.topics());
    feed = new JobFeed(clients, config.topics(), clientId, new Listener()).start();
    presence = PresencePublisher.start(clients, config.topics(), config.presenceInterval(),
        new PresencePublisher.Service(ServiceKind.SNAPSHOT_EXPORTER, clientId, config.source(), null), running::keySet,
        () -> exported);
    log.info("snapshot-exporter instance {} of {} started, source {}", config.instance().index(),
        config.instance().count(), source.label());
    return this;
  }

  private final class Listener implements JobFeed.Listener {

    @Override
    public void jobSubmitted(JobSpec spec) {
      if (closed) {
        return;
      }
      Optional<String> refused = EndpointMismatch.of(ProgressReporter.COMPONENT, "source", spec.getSourceLabel(),
          config.source(), config.sourceAliases());
      if (refused.isPresent()) {
        progress.failed(new JobId(spec.getJobId()), new JobFailure(refused.get(), null, null));
        return;
      }
      JobExport export = new JobExport(spec, config, clients, source, progress,
          new ExporterMetrics(registry, spec.getJobId()));
      running.put(spec.getJobId(), export);
      jobThreads.submit(() -> runJob(export));
    }

    @Override
    public void jobEnded(String jobId, JobState state) {
      exported.remove(jobId);
      JobExport export = running.remove(jobId);
      if (export != null) {
        log.info("Job {} ended ({}): stopping its export", jobId, state);
        export.stop("the job ended as " + state);
      }
    }
  }

  private void runJob(JobExport export) {
    JobId job = export.job();
    try (var context = LogContext.job(job.value())) {
      config.kafka().ensureJobTopics(provisioner, job, export.mode());
      export.run();
      if (export.isExported() && !hasEnded(job.value())) {
        exported.add(job.value());
      }
    } catch (RuntimeException e) {
      log.error("Job {}: the export could not start: {}", job, e.getMessage());
    } finally {
      running.remove(job.value(), export);
    }
  }

  /** Whether the job ended; the feed calls its listener before {@code start()} has stored it. */
  private boolean hasEnded(String jobId) {
    JobFeed following = feed;
    return following != null && following.hasEnded(jobId);
  }

  @Override
  public void close() {
    closed = true;
    if (presence != null) {
      presence.close();
    }
    if (feed != null) {
      feed.close();
    }
    List<JobExport> exports = List.copyOf(running.values());
    exports.forEach(export -> export.stop("the snapshot-exporter is shutting down"));
    jobThreads.shutdown();
    for (JobExport export : exports) {
      try {
        export.awaitEnd(STOP_TIMEOUT);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    jobThreads.shutdownNow();
    if (progressProducer != null) {
      progressProducer.close();
    }
    source.close();
    log.info("snapshot-exporter instance {} stopped", config.instance().index());
  }
}
