package dev.milvusmigrate.runtime;

import dev.milvusmigrate.core.domain.JobId;
import dev.milvusmigrate.kafka.JobFeed;
import dev.milvusmigrate.kafka.KafkaClients;
import dev.milvusmigrate.kafka.PresencePublisher;
import dev.milvusmigrate.kafka.TopicProvisioner;
import dev.milvusmigrate.schemas.avro.ControlCommand;
import dev.milvusmigrate.schemas.avro.JobSpec;
import dev.milvusmigrate.schemas.avro.JobState;
import dev.milvusmigrate.schemas.avro.ProgressEvent;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a job service: at start it logs the config, reaches Kafka (within {@code connect.timeout}),
 * creates the shared topics if missing, opens the progress producer, has the service's {@link
 * JobRunnerFactory} made (which connects what the jobs share), then follows the jobs with a {@link
 * JobFeed}. Each job the factory takes gets its topics and one {@link JobRunner} on a thread of its
 * own, until the job ends or the service is closed; a job naming other servers fails at once. Jobs
 * that end while no runner of theirs works here (also those that ended before the start) are
 * passed to the factory ({@link JobRunnerFactory#endedWithoutRunner}).
 * Closing stops in the reverse order: no new job, every runner stopped and awaited (30 s at most),
 * then what they shared.
 *
 * <p>A job service is a subclass that names itself as {@code S} (so {@link #start} returns it) and
 * passes its config, its instance's name and its factory.
 */
public abstract class JobServiceHost<S extends JobServiceHost<S, R>, R extends JobRunner> implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(JobServiceHost.class);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

  private final ServiceConfig config;
  private final String service;
  private final String clientId;
  private final MeterRegistry registry;
  private final Function<ServiceResources, JobRunnerFactory<R>> factories;
  private final Map<String, R> running = new ConcurrentHashMap<>();
  private final AtomicInteger finished = new AtomicInteger();
  /** Jobs whose runner finished its part here ({@link JobRunner#finishedItsPart}) and that have not ended. */
  private final Set<String> finishedHere = ConcurrentHashMap.newKeySet();
  private final CloseStack opened = new CloseStack();
  private TopicProvisioner provisioner;
  private JobFailures failures;
  private JobRunnerFactory<R> factory;
  private ExecutorService jobThreads;
  private volatile JobFeed feed;
  private volatile boolean closed;

  /**
   * @param clientId this instance's name in Kafka client ids and thread names
   * @param factories makes the service's factory of runners from what the host opened for it
   */
  protected JobServiceHost(ServiceConfig config, String clientId, MeterRegistry registry,
      Function<ServiceResources, JobRunnerFactory<R>> factories) {
    this.config = config;
    this.service = config.service();
    this.clientId = clientId;
    this.registry = registry;
    this.factories = factories;
  }

  /** Starts the service; a failure closes what was opened and is thrown, one sentence naming what failed. */
  @SuppressWarnings("unchecked") // S is the subclass, by its declaration
  public final S start() {
    log.info(config.describe());
    try {
      KafkaClients clients = config.kafka().clients();
      provisioner = config.kafka().provisioner(clients);
      provisioner.ensureSharedTopics();
      Producer<String, ProgressEvent> progress = opened.push(clients.producer(ProgressEvent.class,
          clientId + "-progress"));
      failures = new JobFailures(service, config.topics(), progress);
      factory = opened.push(factories.apply(new ServiceResources(clients, progress, failures, registry)));
      jobThreads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, clientId + "-job");
        thread.setDaemon(true);
        return thread;
      });
      opened.push(this::stopJobs);
      // Pushed after the jobs, the announcements stop before them, and after the feed.
      opened.push(PresencePublisher.start(clients, config.topics(), config.presenceInterval(),
          factory.identity(clientId), running::keySet, () -> finishedHere));
      feed = opened.push(new JobFeed(clients, config.topics(), clientId, new Jobs()).start());
    } catch (RuntimeException e) {
      opened.closeAfter(e);
      throw e;
    }
    log.info("{} started: {}", service, factory.describe());
    return (S) this;
  }

  /** Whether a runner of the job works in this instance (its job has neither ended nor finished here). */
  protected final boolean isRunning(String jobId) {
    return running.containsKey(jobId);
  }

  /** How many runners finished in this instance (done, failed or stopped). */
  protected final int finishedJobs() {
    return finished.get();
  }

  @Override
  public final void close() {
    closed = true;
    try {
      opened.close();
    } catch (RuntimeException e) {
      log.warn("{} did not stop cleanly: {}", service, e.getMessage(), e);
    }
    log.info("{} stopped", service);
  }

  private void stopJobs() {
    running.values().forEach(runner -> runner.stop("the " + service + " is shutting down"));
    jobThreads.shutdown();
    try {
      jobThreads.awaitTermination(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    jobThreads.shutdownNow();
  }

  private void run(JobSpec spec, R runner) {
    String jobId = spec.getJobId();
    try (var context = LogContext.job(jobId)) {
      config.kafka().ensureJobTopics(provisioner, new JobId(jobId), spec.getMode());
      runner.run();
      if (runner.finishedItsPart() && !hasEnded(jobId)) {
        finishedHere.add(jobId);
      }
    } catch (RuntimeException e) {
      log.error("Job {}: {} stopped its work on an error: {}", jobId, service, e.getMessage(), e);
    } finally {
      running.remove(jobId, runner);
      finished.incrementAndGet();
    }
  }

  /** Whether the job ended; the feed may call its listener before {@code start()} has stored it. */
  private boolean hasEnded(String jobId) {
    JobFeed following = feed;
    return following != null && following.hasEnded(jobId);
  }

  /** The feed's callbacks, each with the job in the log context. */
  private final class Jobs implements JobFeed.Listener {

    @Override
    public void jobSubmitted(JobSpec spec) {
      String jobId = spec.getJobId();
      try (var context = LogContext.job(jobId)) {
        if (closed || !factory.takes(spec)) {
          return;
        }
        Optional<String> refused = factory.refusal(spec);
        if (refused.isPresent()) {
          failures.refused(jobId, refused.get());
          return;
        }
        R runner = factory.create(spec);
        running.put(jobId, runner);
        jobThreads.execute(() -> run(spec, runner));
      }
    }

    @Override
    public void stopSyncRequested(ControlCommand command) {
      try (var context = LogContext.job(command.getJobId())) {
        factory.stopSyncRequested(command, Optional.ofNullable(running.get(command.getJobId())));
      }
    }

    @Override
    public void jobEnded(String jobId, JobState state) {
      try (var context = LogContext.job(jobId)) {
        finishedHere.remove(jobId);
        R runner = running.remove(jobId);
        if (runner != null) {
          log.info("Job {} ended ({}): {} stops its work.", jobId, state, service);
          runner.jobEnded(String.valueOf(state));
        } else if (!closed) {
          factory.endedWithoutRunner(Set.of(jobId));
        }
      }
    }

    @Override
    public void endedBeforeStart(Set<String> jobIds) {
      if (!closed && !jobIds.isEmpty()) {
        factory.endedWithoutRunner(jobIds);
      }
    }
  }
}
