package dev.milvusmigrate.capture;

import dev.milvusmigrate.capture.ddl.DdlViolation;
import dev.milvusmigrate.capture.ddl.DdlWatcher;
import dev.milvusmigrate.core.concurrent.StopSignal;
import dev.milvusmigrate.core.domain.JobFailure;
import dev.milvusmigrate.core.domain.JobId;
import dev.milvusmigrate.kafka.KafkaClientKeys;
import dev.milvusmigrate.kafka.KafkaClients;
import dev.milvusmigrate.kafka.KafkaRefusal;
import dev.milvusmigrate.kafka.SentBytes;
import dev.milvusmigrate.milvus.MilvusAccessException;
import dev.milvusmigrate.milvus.MilvusSession;
import dev.milvusmigrate.runtime.JobRunner;
import dev.milvusmigrate.runtime.KafkaOutage;
import dev.milvusmigrate.runtime.LogContext;
import dev.milvusmigrate.schemas.avro.JobSpec;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Captures one zero-downtime job: fixes the start positions in the source's log (before the
 * exporter may take the snapshot timestamp), then reads every DML channel and publishes the
 * job's mutations, schemas and heartbeats together with the source positions in one Kafka
 * transaction at a time. When Kafka or the source fails it starts over from the committed
 * checkpoints, so nothing is lost or published half; a problem retrying cannot fix becomes one
 * {@link JobFailure}. While it runs, a {@link DdlWatcher} fails the job on an operation the product
 * forbids during a zero-downtime migration (a restarted capture watches from a new baseline).
 */
final class JobCapture<E> implements JobRunner {

  private static final Logger log = LoggerFactory.getLogger(JobCapture.class);
  private static final Duration POLL = Duration.ofMillis(100);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

  private final JobSpec spec;
  private final JobId job;
  private final CaptureConfig config;
  private final KafkaClients clients;
  private final MilvusSession source;
  private final Consumer<JobFailure> failures;
  private final CaptureSource<E> captureSource;
  private final CaptureMetrics metrics;
  private final StopSignal stopped = new StopSignal();
  private final KafkaOutage kafkaOutage;
  private volatile SourceLog<E> wal;
  /** Restarts of this capture so far; the policy caps the backoff however many there were. */
  private int restarts;
  private volatile boolean stopSyncRequested;
  private volatile boolean complete;
  /** The job needs the source's log no more: what capture left on it is removed when capture ends. */
  private volatile boolean releaseLog;

  JobCapture(JobSpec spec, CaptureConfig config, KafkaClients clients, MilvusSession source,
      CaptureSource<E> captureSource, Consumer<JobFailure> failures, CaptureMetrics metrics) {
    this.spec = spec;
    this.job = new JobId(spec.getJobId());
    this.config = config;
    this.clients = clients;
    this.source = source;
    this.captureSource = captureSource;
    this.failures = failures;
    this.metrics = metrics;
    this.kafkaOutage = new KafkaOutage("Capture of job " + job, config.retryPolicy(), stopped);
  }

  @Override
  public void run() {
    try (var context = LogContext.job(job.value())) {
      while (!isStopped()) {
        captureUntilFailure();
      }
      releaseLogIfDone();
    } catch (JobFailure e) {
      if (!isStopped()) {
        releaseLog = true;
        fail(e);
        releaseLogIfDone();
      }
    } catch (ProducerFencedException | InvalidProducerEpochException e) {
      log.warn("Job {}: another cdc-capture instance took over the job; this one stops.", job);
    } finally {
      log.info("Job {}: capture stopped.", job);
    }
  }

  private void fail(JobFailure failure) {
    metrics.failed();
    failures.accept(failure);
  }

  @Override
  public void stop(String why) {
    stop();
  }

  /** The job ended: capture stops and removes what it left on the source's log. */
  @Override
  public void jobEnded(String state) {
    releaseLog = true;
    stop();
  }

  /**
   * Removes capture's traces from the source's log (its Pulsar subscription) once the job needs
   * them no more; a failure leaves them, naming it.
   */
  private void releaseLogIfDone() {
    if (!releaseLog) {
      return;
    }
    try (SourceLog<E> sourceLog = captureSource.open(config.instanceId() + "-release-" + job.value())) {
      sourceLog.release();
    } catch (RuntimeException e) {
      log.warn("Job {}: could not remove capture's subscription from the {}: {}", job, captureSource.describe(),
          e.getMessage());
    }
  }

  /** Stops promptly; what was not committed is read again by the next capture. */
  void stop() {
    stopped.stop("capture stopped");
    SourceLog<E> reading = wal;
    if (reading != null) {
      reading.wakeup();
    }
  }

  /**
   * Stop Data Sync (the user confirmed writes to the source stopped): capture takes the source's
   * current timestamp F, reads on until its watermark passes F, writes the fence into every
   * mutations partition and ends.
   */
  void stopSync() {
    stopSyncRequested = true;
  }

  boolean isStopped() {
    return stopped.isStopped();
  }

  /** Waits until stopped, at most {@code timeout}; an interrupt stops the capture. */
  private void pause(Duration timeout) {
    if (stopped.awaitStop(timeout) && !isStopped()) {
      stop();
    }
  }

  /** The stop-sync fence is written: the job needs no capture any more. */
  @Override
  public boolean finishedItsPart() {
    return complete;
  }

  private void captureUntilFailure() {
    try {
      capture();
    } catch (WakeupException e) {
      // stopping
    } catch (MilvusAccessException e) {
      if (e.kind() != MilvusAccessException.Kind.UNREACHABLE && e.kind() != MilvusAccessException.Kind.RETRYABLE) {
        throw new JobFailure("Capture cannot read the source's metadata: " + e.getMessage(), null, null, e);
      }
      backOff(CaptureMetrics.SOURCE, "the source is unavailable: " + e.getMessage());
    } catch (PulsarUnavailable e) {
      backOff(CaptureMetrics.SOURCE, "the source's log failed: " + e.getMessage());
    } catch (JobFailure | ProducerFencedException | InvalidProducerEpochException e) {
      throw e;
    } catch (RuntimeException e) {
      switch (KafkaOutage.of(e)) {
        case NOT_KAFKA -> throw e;
        // Kafka answers, and retrying cannot change the answer: the job fails naming it.
        case JOB_IS_WRONG -> throw new JobFailure(denial(e).map(this::refusal).orElseGet(() ->
            "Kafka refused capture of job " + job + ": " + e.getMessage() + "."), null, null, e);
        case TRANSIENT -> {
          metrics.restarted(CaptureMetrics.KAFKA);
          kafkaOutage.backOff(e);
        }
      }
    }
  }

  /** The permission Kafka denied, if that is why it failed (a transaction's send reports it wrapped). */
  static Optional<AuthorizationException> denial(Throwable failure) {
    return KafkaOutage.denial(failure);
  }

  private String refusal(AuthorizationException denied) {
    return captureSource.refusal(denied).orElseGet(() -> KafkaRefusal.of(KafkaClientKeys.PIPELINE,
        clients.bootstrapServers(), denied, "capturing job " + job + " into " + config.topics().mutations(job)
            + " with transactional id " + transactionalId()).orElseThrow());
  }

  private String transactionalId() {
    return config.topics().prefix() + ".cdc-capture." + job.value();
  }

  private void capture() {
    KafkaProducer<String, SpecificRecordBase> producer = clients.transactionalContractProducer(transactionalId());
    try {
      captureWith(producer);
    } finally {
      // Bounded: after an outage a commit left pending would hold a plain close() until Kafka is back.
      // The next producer with the same transactional id completes or aborts what this one left open.
      producer.close(CLOSE_TIMEOUT);
    }
  }

  private void captureWith(KafkaProducer<String, SpecificRecordBase> producer) {
    CaptureScope scope = CaptureScope.of(spec);
    try (SourceLog<E> sourceLog = captureSource.open(config.instanceId() + "-log-" + job.value());
        DdlWatcher ddl = new DdlWatcher(source.catalog(), config.ddlInterval(),
            violation -> scope.concerns(violation.database(), violation.collection()), this::forbiddenDdl)) {
      wal = sourceLog;
      ddl.start();
      int partitions = producer.partitionsFor(config.topics().mutations(job)).size();
      ChannelWatermarks watermarks = new ChannelWatermarks(config.abandonedChannel().toMillis());
      EntryHandler<E> handler = captureSource.handler(new CaptureContext(new MutationMapper(job.value()),
          scope, new CollectionDirectory(source.catalog()), watermarks,
          new CurrentEntities(source.catalog(), source.reader())));
      CaptureCheckpoints checkpoints = CaptureCheckpoints.read(clients, config.topics(), job,
          config.instanceId() + "-checkpoints-" + job.value(), this::isStopped);
      if (checkpoints.fenced()) {
        log.info("Job {}: the stop-sync fence was written before; capture of the job is complete.", job);
        complete = true;
        releaseLog = true;
        stop();
        return;
      }
      Map<LogChannel, Long> positions = startPositions(checkpoints, producer, sourceLog, partitions);
      sourceLog.read(positions);
      handler.positioned(positions);
      handler.settleAgainAtFence(checkpoints.againAtFence());
      new CaptureLoop(producer, sourceLog, watermarks, handler, partitions).run();
    } finally {
      wal = null;
    }
  }

  /** A forbidden operation on the source fails the job: the target could not follow it. */
  private void forbiddenDdl(DdlViolation violation) {
    if (!isStopped()) {
      fail(new JobFailure(violation.sentence(), violation.database(), violation.collection()));
      stop();
    }
  }

  private Map<LogChannel, Long> startPositions(CaptureCheckpoints checkpoints,
      KafkaProducer<String, SpecificRecordBase> producer, SourceLog<E> sourceLog, int partitions) {
    if (checkpoints.started()) {
      Map<LogChannel, Long> positions = new HashMap<>(checkpoints.positions());
      sourceLog.channels().stream().filter(channel -> !positions.containsKey(channel))
          .forEach(channel -> positions.put(channel, 0L));
      log.info("Job {}: capture resumes from its checkpoints: {}", job, positions);
      return positions;
    }
    Map<LogChannel, Long> ends = sourceLog.ends(sourceLog.channels());
    OptionalLong logTime = captureSource.startTime(sourceLog, ends);
    CaptureBatch batch = new CaptureBatch(job, config.topics(), partitions);
    batch.checkpoints(ends);
    batch.started(config.instanceId(), ends.size(), logTime);
    commit(producer, batch);
    log.info("Job {}: capture starts at the end of {} source log channel(s): {}", job, ends.size(), ends);
    return ends;
  }

  private void commit(KafkaProducer<String, SpecificRecordBase> producer, CaptureBatch batch) {
    producer.beginTransaction();
    SentBytes bytes = new SentBytes();
    try {
      batch.records().forEach(record -> producer.send(record, bytes));
      producer.commitTransaction();
      metrics.committed(batch, bytes.total());
    } catch (ProducerFencedException | InvalidProducerEpochException e) {
      throw e;
    } catch (KafkaException e) {
      try {
        producer.abortTransaction();
      } catch (KafkaException | IllegalStateException abortFailed) {
        // e.g. the commit timed out and must be retried: the capture starts again with a new producer.
        log.debug("Abort after a failed commit failed too: {}", abortFailed.getMessage());
      }
      throw e;
    }
  }

  private void backOff(String cause, String why) {
    if (isStopped()) {
      return;
    }
    metrics.restarted(cause);
    Duration backoff = config.retryPolicy().backoffAfter(++restarts);
    log.warn("Job {}: capture restarts from its checkpoints in {} because {}", job, backoff, why);
    pause(backoff);
  }

  /** Poll, turn into records, commit with checkpoints and heartbeats; until stopped. */
  private final class CaptureLoop {
    private final KafkaProducer<String, SpecificRecordBase> producer;
    private final SourceLog<E> sourceLog;
    private final ChannelWatermarks watermarks;
    private final EntryHandler<E> handler;
    private final int partitions;
    private final Map<LogChannel, Long> committed = new HashMap<>();
    private OptionalLong fenceTs = OptionalLong.empty();
    private long lastHeartbeat;
    private long lastRefresh = System.nanoTime();

    CaptureLoop(KafkaProducer<String, SpecificRecordBase> producer, SourceLog<E> sourceLog,
        ChannelWatermarks watermarks, EntryHandler<E> handler, int partitions) {
      this.producer = producer;
      this.sourceLog = sourceLog;
      this.watermarks = watermarks;
      this.handler = handler;
      this.partitions = partitions;
    }

    void run() {
      while (!isStopped()) {
        refreshChannels();
        CaptureBatch batch = new CaptureBatch(job, config.topics(), partitions);
        entries().forEach(entry -> handler.handle(entry, batch));
        sourceLog.reading().forEach(channel -> watermarks.caughtUp(channel.toString(), sourceLog.caughtUp(channel)));
        boolean heartbeatDue = System.nanoTime() - lastHeartbeat >= config.heartbeatInterval().toNanos();
        boolean fenceDue = fenceDue();
        if (fenceDue) {
          handler.atFence(sourceLog, fenceTs.getAsLong(), batch);
          batch.fence(fenceTs.getAsLong());
        }
        if (batch.mutationCount() > 0 || heartbeatDue || fenceDue) {
          completeAndCommit(batch, heartbeatDue || fenceDue);
        }
        if (fenceDue) {
          log.info("Job {}: stop-sync fence written at source time {}; capture of the job is complete.", job,
              fenceTs.getAsLong());
          complete = true;
          releaseLog = true;
          stop();
        }
      }
    }

    /**
     * What arrived on the channels being read; a source that has no log channel yet (no collection
     * was ever written to) has nothing to poll until one appears.
     */
    private List<LogEntry<E>> entries() {
      if (!sourceLog.reading().isEmpty()) {
        return sourceLog.poll(POLL);
      }
      pause(POLL);
      return List.of();
    }

    /** Takes F once a stop-sync was requested; due once every change up to F has been read. */
    private boolean fenceDue() {
      if (!stopSyncRequested) {
        return false;
      }
      if (fenceTs.isEmpty()) {
        fenceTs = OptionalLong.of(captureSource.fenceTime(sourceLog, source.catalog()));
        log.info("Job {}: stop-sync requested; capturing up to source time {} before writing the fence", job,
            fenceTs.getAsLong());
      }
      OptionalLong watermark = watermarks.watermark();
      return watermark.isPresent() && watermark.getAsLong() >= fenceTs.getAsLong();
    }

    private void completeAndCommit(CaptureBatch batch, boolean heartbeat) {
      for (LogChannel channel : handler.channels()) {
        long resume = handler.resumeOffset(channel);
        if (!Long.valueOf(resume).equals(committed.get(channel))) {
          batch.checkpoint(channel, resume, watermarks.tick(channel.toString()));
        }
      }
      OptionalLong watermark = watermarks.watermark();
      if (heartbeat && watermark.isPresent()) {
        batch.heartbeat(watermark.getAsLong(), config.instanceId());
      }
      if (isStopped() || batch.isEmpty()) {
        return;
      }
      commit(producer, batch);
      kafkaOutage.recovered();
      handler.channels().forEach(channel -> committed.put(channel, handler.resumeOffset(channel)));
      sourceLog.committed(Map.copyOf(committed));
      if (heartbeat) {
        lastHeartbeat = System.nanoTime();
      }
    }

    private void refreshChannels() {
      if (System.nanoTime() - lastRefresh < config.channelRefresh().toNanos()) {
        return;
      }
      lastRefresh = System.nanoTime();
      Map<LogChannel, Long> fresh = new HashMap<>();
      Set<LogChannel> reading = sourceLog.reading();
      // A channel that appeared after the start holds only changes made after it: read it all.
      sourceLog.channels().stream().filter(channel -> !reading.contains(channel))
          .forEach(channel -> fresh.put(channel, 0L));
      sourceLog.read(fresh);
      handler.positioned(fresh);
    }
  }
}
