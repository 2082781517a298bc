package dev.milvusmigrate.lag;

import dev.milvusmigrate.kafka.KafkaClientKeys;
import dev.milvusmigrate.kafka.KafkaRefusal;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lag-monitor Kafka Streams application ({@link JobStatusTopology}: job-status view, lag and
 * notifications) and, when {@code lag.webhook.url} is set, the {@link NotificationWebhook} that
 * POSTs the notifications. Runs until closed; never exits the process.
 */
public final class LagMonitorService implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(LagMonitorService.class);

  private final LagMonitorConfig config;
  private final LagMetrics metrics;
  private volatile KafkaStreams streams;
  private StateDirectory stateDirectory;
  private Optional<NotificationWebhook> webhook = Optional.empty();
  private Optional<EndedJobTopics> endedJobTopics = Optional.empty();
  private volatile Optional<String> failure = Optional.empty();

  /** A lag-monitor whose meters nobody scrapes (in-process use). */
  public LagMonitorService(LagMonitorConfig config) {
    this(config, new SimpleMeterRegistry());
  }

  public LagMonitorService(LagMonitorConfig config, MeterRegistry registry) {
    this.config = config;
    this.metrics = new LagMetrics(registry);
  }

  /**
   * Provisions the shared topics first: Kafka Streams would retry an unreachable Kafka forever, this
   * fails after {@code connect.timeout} with one sentence naming the address.
   */
  public LagMonitorService start() {
    log.info("Starting {}", config.describe());
    config.kafka().provisioner(config.kafka().clients()).ensureSharedTopics();
    stateDirectory = StateDirectory.of(config.stateDir(), config.applicationId());
    log.info("Kafka Streams state in {}", stateDirectory.path());
    streams = new KafkaStreams(JobStatusTopology.build(config.topics(), config.lagSettings(), metrics),
        streamsProperties(config, stateDirectory.path()));
    // A failed stream thread is replaced: its state is in Kafka, so the view continues where it stopped.
    // A permission Kafka denies stays denied: the application stops, saying which.
    streams.setUncaughtExceptionHandler(e -> {
      Optional<String> denied = denial(e);
      if (denied.isPresent()) {
        failure = denied;
        log.error("lag-monitor stopped: {}", denied.get());
        return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
      }
      log.error("lag-monitor stream thread failed; replacing it: {}", e.getMessage(), e);
      return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
    });
    streams.start();
    webhook = config.webhook().map(settings -> NotificationWebhook.start(config.kafka().clients(),
        config.topics(), config.webhookGroupId(), new WebhookDelivery(settings)));
    endedJobTopics = config.endedJobTopicsRetention().map(retention -> EndedJobTopics.start(
        config.kafka().clients(), config.topics(), retention, config.endedJobTopicsCheckInterval()));
    return this;
  }

  /** Why the application stopped for good on its own: the permission Kafka denied it. */
  public Optional<String> failure() {
    return failure;
  }

  /** The sentence for a thread that failed because Kafka denied a permission; empty for other failures. */
  private Optional<String> denial(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof AuthorizationException) {
        return KafkaRefusal.of(KafkaClientKeys.PIPELINE, config.kafka().bootstrapServers(), cause,
            "the lag-monitor's Kafka Streams application " + config.applicationId() + " an operation");
      }
    }
    return Optional.empty();
  }

  /** Whether the application is processing (RUNNING) rather than starting, rebalancing or stopped. */
  public boolean isRunning() {
    return streams.state() == KafkaStreams.State.RUNNING;
  }

  public KafkaStreams.State state() {
    return streams.state();
  }

  /** Whether the application has stopped for good (error or shut down) rather than running or recovering. */
  public boolean hasStopped() {
    KafkaStreams.State state = streams.state();
    return state == KafkaStreams.State.ERROR || state == KafkaStreams.State.NOT_RUNNING
        || state == KafkaStreams.State.PENDING_SHUTDOWN || state == KafkaStreams.State.PENDING_ERROR;
  }

  static Properties streamsProperties(LagMonitorConfig config, Path stateDir) {
    Properties props = new Properties();
    // Bootstrap servers and security, which Streams passes on to its producers, consumers and admin.
    props.putAll(config.kafka().clients().connectionSettings());
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
    props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) config.kafka().replicationFactor());
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, Long.toString(config.commitInterval().toMillis()));
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    // Statuses and notifications are few and small: send them at once (Streams' default is 100 ms).
    props.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 5);
    // A record of the jobs or progress topic that milvus-migrate did not write goes to the dead-letter topic.
    props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
        LogAndContinueExceptionHandler.class.getName());
    props.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, config.topics().deadLetters());
    return props;
  }

  @Override
  public void close() {
    endedJobTopics.ifPresent(EndedJobTopics::close);
    webhook.ifPresent(NotificationWebhook::close);
    if (streams != null) {
      streams.close(Duration.ofSeconds(30));
    }
    if (stateDirectory != null) {
      stateDirectory.close();
    }
  }
}
