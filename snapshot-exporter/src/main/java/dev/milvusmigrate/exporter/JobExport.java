package dev.milvusmigrate.exporter;

import dev.milvusmigrate.core.concurrent.StopSignal;
import dev.milvusmigrate.core.concurrent.WorkStopped;
import dev.milvusmigrate.core.domain.CollectionName;
import dev.milvusmigrate.core.domain.JobFailure;
import dev.milvusmigrate.core.domain.JobId;
import dev.milvusmigrate.kafka.KafkaClients;
import dev.milvusmigrate.milvus.MilvusSession;
import dev.milvusmigrate.runtime.JobRunner;
import dev.milvusmigrate.runtime.LogContext;
import dev.milvusmigrate.schemas.avro.JobMode;
import dev.milvusmigrate.schemas.avro.JobSpec;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The exporter's work on one offline job: fence any predecessor, read the checkpoints, take (or
 * reuse) the snapshot timestamp, plan, publish the plan, then export the collections this
 * instance owns, a bounded number at a time. A failure retrying will not fix becomes one
 * {@code JobFailed}; a stop (cancel, job ended, service closing) ends the work quietly.
 */
final class JobExport implements JobRunner {

  private static final Logger log = LoggerFactory.getLogger(JobExport.class);

  private final JobSpec spec;
  private final JobId job;
  private final ExporterConfig config;
  private final KafkaClients clients;
  private final SourceConnection source;
  private final ProgressReporter progress;
  private final StopSignal stop = new StopSignal();
  private final Retry retry;
  private final ExporterMetrics metrics;
  private volatile ExecutorService workers;
  private volatile boolean stopRequested;
  private volatile boolean exported;

  JobExport(JobSpec spec, ExporterConfig config, KafkaClients clients, SourceConnection source,
      ProgressReporter progress, ExporterMetrics metrics) {
    this.spec = spec;
    this.job = new JobId(spec.getJobId());
    this.config = config;
    this.clients = clients;
    this.source = source;
    this.progress = progress;
    this.metrics = metrics;
    this.retry = new Retry(config.retryDuration(), stop, metrics::retried);
  }

  @Override
  public void run() {
    try {
      exportJob();
      exported = true;
    } catch (WorkStopped e) {
      log.info("Job {}: export stopped: {}", job, e.getMessage());
    } catch (JobFailure e) {
      reportUnlessStopped(e);
    } catch (RuntimeException e) {
      reportUnlessStopped(new JobFailure("The snapshot-exporter stopped on an unexpected error ("
          + e.getClass().getSimpleName() + "): see its log and restart it to resume the job.", null, null, e));
    }
  }

  /** This instance's share of the job is all on the snapshot topic. */
  @Override
  public boolean finishedItsPart() {
    return exported;
  }

  /** Stops the job's work: no further commit, an open transaction is aborted, workers are interrupted. */
  @Override
  public void stop(String why) {
    stopRequested = true;
    stop.stop(why);
    ExecutorService pool = workers;
    if (pool != null) {
      pool.shutdownNow();
    }
  }

  private void exportJob() {
    MilvusSession session = source.session(retry);
    String txId = TransactionalPublisher.transactionalId(config.topics().prefix(), job.value(),
        config.instance().index());
    try (TransactionalPublisher publisher =
        new TransactionalPublisher(clients.transactionalContractProducer(txId), stop)) {
      CheckpointStore checkpoints = CheckpointStore.read(clients, config.topics(), job, txId + ".checkpoints", stop);
      long snapshotTs = checkpoints.snapshotTs().orElseGet(() -> takeSnapshotTs(session, txId));
      List<PlannedCollection> plan = new SnapshotPlanner(session.catalog(), retry, config.instance(), source.label(),
          checkpoints::resume).plan(spec);
      progress.planned(job, snapshotTs, plan);
      JobContext context = new JobContext(job, config.topics(), session, publisher,
          new Throttle(config.maxBytesPerSecond()), retry, stop, config.batchBytes(), config.pageRows(), metrics);
      exportOwned(context, plan, checkpoints, snapshotTs);
    }
  }

  private long takeSnapshotTs(MilvusSession session, String clientId) {
    if (spec.getMode() == JobMode.ZERO_DOWNTIME) {
      OptionalLong logTime = CaptureStartWait.await(clients, config.topics(), job, clientId + ".capture-start", stop);
      if (logTime.isPresent()) {
        return logTime.getAsLong();
      }
    }
    return retry.call("take the snapshot timestamp", null, null, () -> session.catalog().currentTimestamp());
  }

  private void exportOwned(JobContext context, List<PlannedCollection> plan, CheckpointStore checkpoints,
      long snapshotTs) {
    List<PlannedCollection> owned = plan.stream().filter(PlannedCollection::ownedHere).toList();
    log.info("Job {}: this instance exports {} of {} collections ({} resumed from checkpoints)", job, owned.size(),
        plan.size(), checkpoints.size());
    ExecutorService pool = Executors.newFixedThreadPool(config.parallelCollections(),
        runnable -> new Thread(runnable, "exporter-" + job.value()));
    workers = pool;
    if (stop.isStopped()) {
      pool.shutdownNow();
    }
    try {
      CompletionService<Long> exports = new ExecutorCompletionService<>(pool);
      for (PlannedCollection collection : owned) {
        exports.submit(() -> exportCollection(context, collection, checkpoints, snapshotTs));
      }
      for (int i = 0; i < owned.size(); i++) {
        awaitNext(exports);
      }
      log.info("Job {}: snapshot of the {} owned collections complete", job, owned.size());
    } finally {
      pool.shutdownNow();
      awaitTermination(pool);
    }
  }

  private long exportCollection(JobContext context, PlannedCollection collection, CheckpointStore checkpoints,
      long snapshotTs) {
    try (var jobContext = LogContext.job(job.value());
        var collectionContext = LogContext.collection(collection.name())) {
      CollectionResume resume = checkpoints.resume(collection.name());
      return new CollectionExporter(context, collection, resume, snapshotTs).export();
    }
  }

  private void awaitNext(CompletionService<Long> exports) {
    try {
      exports.take().get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new WorkStopped("interrupted");
    } catch (ExecutionException e) {
      stop.stop("another collection of the job failed");
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  private void reportUnlessStopped(JobFailure failure) {
    if (stopRequested) {
      log.info("Job {}: export ended after a stop: {}", job, failure.getMessage());
      return;
    }
    metrics.failed();
    progress.failed(job, failure);
  }

  private static void awaitTermination(ExecutorService pool) {
    try {
      pool.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
