package dev.milvusmigrate.capture;

import dev.milvusmigrate.core.domain.EndpointMismatch;
import dev.milvusmigrate.core.domain.JobFailure;
import dev.milvusmigrate.core.domain.JobId;
import dev.milvusmigrate.kafka.JobFeed;
import dev.milvusmigrate.kafka.KafkaClients;
import dev.milvusmigrate.kafka.LogContext;
import dev.milvusmigrate.kafka.PresencePublisher;
import dev.milvusmigrate.kafka.ServiceKind;
import dev.milvusmigrate.kafka.TopicProvisioner;
import dev.milvusmigrate.milvus.MilvusConnector;
import dev.milvusmigrate.milvus.MilvusSession;
import dev.milvusmigrate.schemas.avro.ControlCommand;
import dev.milvusmigrate.schemas.avro.JobFailed;
import dev.milvusmigrate.schemas.avro.JobMode;
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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * cdc-capture: watches the jobs and runs one {@link JobCapture} per zero-downtime job until the
 * job ends or the service is closed. One source session serves all jobs. Run one instance per
 * job: a second one takes the job over (Kafka transactions fence the first).
 */
public final class CdcCaptureService implements AutoCloseable {

  static final String COMPONENT = "cdc-capture";
  private static final Logger log = LoggerFactory.getLogger(CdcCaptureService.class);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

  private final CaptureConfig config;
  private final Map<String, JobCapture> running = new ConcurrentHashMap<>();
  private final Set<String> stopSyncRequested = ConcurrentHashMap.newKeySet();
  /** Jobs whose stop-sync fence this instance wrote and that have not ended. */
  private final Set<String> fenced = ConcurrentHashMap.newKeySet();
  private final AtomicInteger finishedCaptures = new AtomicInteger();
  private final ExecutorService jobThreads;
  private final MeterRegistry registry;
  private KafkaClients clients;
  private TopicProvisioner provisioner;
  private MilvusSession source;
  private KafkaProducer<String, ProgressEvent> progress;
  private volatile JobFeed feed;
  private PresencePublisher presence;
  private volatile boolean closed;

  /** A capture whose meters nobody scrapes (in-process use). */
  public CdcCaptureService(CaptureConfig config) {
    this(config, new SimpleMeterRegistry());
  }

  public CdcCaptureService(CaptureConfig config, MeterRegistry registry) {
    this.config = config;
    this.registry = registry;
    CaptureMetrics.registerServiceMeters(registry);
    this.jobThreads = Executors.newCachedThreadPool(runnable -> {
      Thread thread = new Thread(runnable, config.instanceId() + "-job");
      thread.setDaemon(true);
      return thread;
    });
  }

  /** Connects to the source and Kafka, provisions the shared topics and starts following jobs. */
  public CdcCaptureService start() {
    log.info(config.describe());
    clients = config.kafka().clients();
    provisioner = config.kafka().provisioner(clients);
    provisioner.ensureSharedTopics();
    source = MilvusConnector.connectWithin(config.source(), config.kafka().connectTimeout());
    progress = clients.producer(ProgressEvent.class, config.instanceId() + "-progress");
    feed = new JobFeed(clients, config.topics(), config.instanceId(), new Jobs()).start();
    presence = PresencePublisher.start(clients, config.topics(), config.presenceInterval(),
        new PresencePublisher.Service(ServiceKind.CDC_CAPTURE, config.instanceId(), config.source(), null),
        running::keySet, () -> fenced);
    log.info("cdc-capture started: source {}, log {} on {}", config.source().label(), config.walPrefix(),
        config.walBootstrap());
    return this;
  }

  /** Whether a capture of the job is running in this instance. */
  public boolean isCapturing(String jobId) {
    JobCapture capture = running.get(jobId);
    return capture != null && !capture.isStopped();
  }

  /** How many job captures ended in this instance (fence written, job ended, failure, or already fenced). */
  public int finishedCaptures() {
    return finishedCaptures.get();
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
    List<JobCapture> captures = List.copyOf(running.values());
    captures.forEach(JobCapture::stop);
    jobThreads.shutdown();
    try {
      jobThreads.awaitTermination(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    jobThreads.shutdownNow();
    if (progress != null) {
      progress.close();
    }
    if (source != null) {
      source.close();
    }
    log.info("cdc-capture stopped");
  }

  private void report(String jobId, JobFailure failure) {
    try (var context = LogContext.job(jobId)) {
      publishFailure(jobId, failure);
    }
  }

  private void publishFailure(String jobId, JobFailure failure) {
    log.error("Job {} failed in cdc-capture: {}", jobId, failure.getMessage(), failure);
    JobFailed failed = new JobFailed(jobId, COMPONENT, failure.database(), failure.collection(),
        failure.getMessage(), failure.getCause() == null ? null : failure.getCause().toString(),
        System.currentTimeMillis());
    try {
      progress.send(new ProducerRecord<>(config.topics().progress(), jobId, new ProgressEvent(failed)))
          .get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      log.error("Could not report the failure of job {}: {}", jobId, e.getMessage());
    }
  }

  private final class Jobs implements JobFeed.Listener {
    @Override
    public void jobSubmitted(JobSpec spec) {
      if (closed || spec.getMode() != JobMode.ZERO_DOWNTIME) {
        return;
      }
      String jobId = spec.getJobId();
      Optional<String> refused = EndpointMismatch.of(COMPONENT, "source", spec.getSourceLabel(), config.source(),
          config.sourceAliases());
      if (refused.isPresent()) {
        report(jobId, new JobFailure(refused.get(), null, null));
        return;
      }
      config.kafka().ensureJobTopics(provisioner, new JobId(jobId), spec.getMode());
      JobCapture capture = new JobCapture(spec, config, clients, source,
          () -> new KafkaDmlLog(config.walBootstrap(), config.walPrefix(), config.instanceId() + "-wal-" + jobId),
          failure -> report(jobId, failure), new CaptureMetrics(registry, jobId));
      if (stopSyncRequested.contains(jobId)) {
        capture.stopSync();
      }
      if (running.putIfAbsent(jobId, capture) == null) {
        jobThreads.submit(() -> {
          try {
            capture.run();
          } finally {
            if (capture.isComplete() && !hasEnded(jobId)) {
              fenced.add(jobId);
            }
            running.remove(jobId, capture);
            finishedCaptures.incrementAndGet();
          }
        });
        log.info("Capturing zero-downtime job {}", jobId);
      }
    }

    @Override
    public void stopSyncRequested(ControlCommand command) {
      if (!command.getWritesStoppedConfirmed()) {
        log.warn("Ignoring STOP_SYNC {} of job {}: writes to the source were not confirmed as stopped.",
            command.getCommandId(), command.getJobId());
        return;
      }
      stopSyncRequested.add(command.getJobId());
      JobCapture capture = running.get(command.getJobId());
      if (capture != null) {
        log.info("Job {}: STOP_SYNC {} received.", command.getJobId(), command.getCommandId());
        capture.stopSync();
      }
    }

    @Override
    public void jobEnded(String jobId, JobState state) {
      fenced.remove(jobId);
      JobCapture capture = running.remove(jobId);
      if (capture != null) {
        log.info("Job {} ended ({}): stopping its capture.", jobId, state);
        capture.stop();
      }
    }
  }
}
