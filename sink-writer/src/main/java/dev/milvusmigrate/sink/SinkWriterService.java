package dev.milvusmigrate.sink;

import dev.milvusmigrate.core.domain.EndpointMismatch;
import dev.milvusmigrate.core.domain.JobId;
import dev.milvusmigrate.core.domain.TopicNames;
import dev.milvusmigrate.kafka.JobFeed;
import dev.milvusmigrate.kafka.KafkaClients;
import dev.milvusmigrate.kafka.PresencePublisher;
import dev.milvusmigrate.kafka.ServiceKind;
import dev.milvusmigrate.kafka.TopicProvisioner;
import dev.milvusmigrate.milvus.MilvusAccessException;
import dev.milvusmigrate.milvus.MilvusConnector;
import dev.milvusmigrate.milvus.MilvusSession;
import dev.milvusmigrate.schemas.avro.JobMode;
import dev.milvusmigrate.schemas.avro.JobSpec;
import dev.milvusmigrate.schemas.avro.JobState;
import dev.milvusmigrate.schemas.avro.ProgressEvent;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sink-writer: connects to the target (and the source, for verification and index
 * parameters), watches the jobs with {@link JobFeed} and runs each active job's sinks ({@link
 * JobSinks}) until the job ends or the service is closed.
 */
public final class SinkWriterService implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(SinkWriterService.class);

  private final SinkConfig config;
  private final MeterRegistry registry;
  private final Map<String, JobSinks> sinks = new ConcurrentHashMap<>();
  private KafkaClients clients;
  private TopicProvisioner provisioner;
  private MilvusSession target;
  private MilvusSession source;
  private KafkaProducer<String, ProgressEvent> producer;
  private JobFeed feed;
  private PresencePublisher presence;
  private volatile boolean closed;

  /** A sink whose meters nobody scrapes (in-process use). */
  public SinkWriterService(SinkConfig config) {
    this(config, new SimpleMeterRegistry());
  }

  public SinkWriterService(SinkConfig config, MeterRegistry registry) {
    this.config = config;
    this.registry = registry;
    SinkMetrics.registerServiceMeters(registry);
  }

  /** Connects, provisions the shared topics and starts following jobs; fails with one clear sentence. */
  public SinkWriterService start() {
    log.info(config.describe());
    TopicNames topics = config.topics();
    clients = config.kafka().clients();
    provisioner = config.kafka().provisioner(clients);
    provisioner.ensureSharedTopics();
    target = MilvusConnector.connectWithin(config.target(), config.kafka().connectTimeout());
    source = MilvusConnector.connectWithin(config.source(), config.kafka().connectTimeout());
    producer = clients.producer(ProgressEvent.class, config.instanceId() + "-progress");
    SinkContext context = new SinkContext(clients, topics, config.instanceId(), source, target, producer,
        config.sampleSize(), config.retryPolicy(), registry, config.live());
    feed = new JobFeed(clients, topics, config.instanceId(), new Jobs(context)).start();
    presence = PresencePublisher.start(clients, topics, config.presenceInterval(), new PresencePublisher.Service(
        ServiceKind.SINK_WRITER, config.instanceId(), config.source(), config.target()), sinks::keySet, Set::of);
    return this;
  }

  /** Whether a sink of the job is running in this instance. */
  public boolean isSinking(String jobId) {
    JobSinks sink = sinks.get(jobId);
    return sink != null && sink.isRunning();
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
    sinks.values().forEach(JobSinks::close);
    sinks.clear();
    if (producer != null) {
      producer.close();
    }
    if (source != null) {
      source.close();
    }
    if (target != null) {
      target.close();
    }
  }

  private final class Jobs implements JobFeed.Listener {
    private final SinkContext context;

    Jobs(SinkContext context) {
      this.context = context;
    }

    @Override
    public void jobSubmitted(JobSpec spec) {
      if (closed) {
        return;
      }
      Optional<String> refused = refusal(spec);
      if (refused.isPresent()) {
        log.error("Refusing job {}: {}", spec.getJobId(), refused.get());
        new ProgressPublisher(producer, config.topics().progress(), spec.getJobId()).failed(null, null,
            refused.get(), null);
        return;
      }
      config.kafka().ensureJobTopics(provisioner, new JobId(spec.getJobId()), spec.getMode());
      sinks.computeIfAbsent(spec.getJobId(), id -> JobSinks.start(spec, context));
      log.info("Sinking {} job {} into {}.", spec.getMode() == JobMode.OFFLINE ? "offline" : "zero-downtime",
          spec.getJobId(), config.target().label());
    }

    /** Why the job is not for this sink (DESIGN invariant 10), checked before anything is written. */
    private Optional<String> refusal(JobSpec spec) {
      String component = ProgressPublisher.COMPONENT;
      try {
        return EndpointMismatch.of(component, "target", spec.getTargetLabel(), config.target(), config.targetAliases())
            .or(() -> EndpointMismatch.of(component, "source", spec.getSourceLabel(), config.source(),
                config.sourceAliases()))
            .or(() -> SourceIsNotTarget.check(config.source(), source, config.target(), target,
                "point target.uri of the sink-writer at the target server"));
      } catch (MilvusAccessException e) {
        return Optional.of(e.getMessage());
      }
    }

    @Override
    public void jobEnded(String jobId, JobState state) {
      JobSinks sink = sinks.remove(jobId);
      if (sink != null) {
        log.info("Job {} ended ({}): stopping its sink.", jobId, state);
        sink.close();
      }
    }
  }
}
