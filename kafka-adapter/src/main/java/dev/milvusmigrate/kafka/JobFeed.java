package dev.milvusmigrate.kafka;

import dev.milvusmigrate.core.domain.TopicNames;
import dev.milvusmigrate.schemas.avro.ControlCommand;
import dev.milvusmigrate.schemas.avro.JobSpec;
import dev.milvusmigrate.schemas.avro.JobState;
import dev.milvusmigrate.schemas.avro.JobStatus;
import dev.milvusmigrate.schemas.serde.AvroSerde;
import dev.milvusmigrate.schemas.serde.JsonSerde;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells a service which jobs exist and when they end. Every instance reads the whole jobs,
 * control and status topics from the beginning (no consumer group), so each sees every job:
 * {@link Listener#jobSubmitted} once per job that had not ended when the feed started, {@link
 * Listener#jobEnded} once when such a job is cancelled or reaches a final state, and {@link
 * Listener#endedBeforeStart} the jobs that had ended before ({@link JobLifecycle}). Records it cannot decode, and control records larger than a command can be
 * ({@link TopicProvisioner#MAX_COMMAND_BYTES}), are logged and skipped.
 */
public final class JobFeed implements AutoCloseable {

  /** Callbacks, called from the feed's own thread. */
  public interface Listener {
    void jobSubmitted(JobSpec spec);

    /** A job this listener was told of ended. */
    void jobEnded(String jobId, JobState state);

    /** A STOP_SYNC command for a job that has not ended; commands read again after a restart come again. */
    default void stopSyncRequested(ControlCommand command) {}

    /**
     * Once, when the feed caught up with the topics as they were at its start, before any
     * submission: every job that had ended by then (maybe none). No other callback comes for those.
     */
    default void endedBeforeStart(Set<String> jobIds) {}
  }

  private static final Logger log = LoggerFactory.getLogger(JobFeed.class);
  private static final Duration TOPIC_WAIT = Duration.ofSeconds(60);
  private static final Duration METADATA_RETRY = Duration.ofMillis(200);

  private final TopicNames topics;
  private final JobLifecycle lifecycle;
  private final KafkaConsumer<String, byte[]> consumer;
  private final AvroSerde<JobSpec> specs = AvroSerde.of(JobSpec.class);
  private final JsonSerde<ControlCommand> commands = JsonSerde.of(ControlCommand.class);
  private final JsonSerde<JobStatus> statuses = JsonSerde.of(JobStatus.class);
  private final Thread thread;
  private final String bootstrapServers;
  /** Where the control and status partitions ended when the feed started. */
  private Map<TopicPartition, Long> startEnds = Map.of();
  private volatile boolean running = true;

  public JobFeed(KafkaClients clients, TopicNames topics, String clientId, Listener listener) {
    this.topics = topics;
    this.lifecycle = new JobLifecycle(listener);
    Map<String, Object> props = new HashMap<>(clients.connectionSettings());
    this.bootstrapServers = clients.bootstrapServers();
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId + "-job-feed");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    this.thread = new Thread(this::run, clientId + "-job-feed");
    thread.setDaemon(true);
  }

  public JobFeed start() {
    List<TopicPartition> endings = List.of(topics.control(), topics.status()).stream()
        .flatMap(topic -> partitionsOf(topic).stream()).toList();
    List<TopicPartition> partitions = new ArrayList<>(partitionsOf(topics.jobs()));
    partitions.addAll(endings);
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    startEnds = consumer.endOffsets(endings);
    thread.start();
    return this;
  }

  /**
   * The topic's partitions, once its metadata reached this client: services started together race
   * to create the shared topics, and a topic another one is still creating has no partitions yet.
   */
  private List<TopicPartition> partitionsOf(String topic) {
    long deadline = System.nanoTime() + TOPIC_WAIT.toNanos();
    List<PartitionInfo> partitions = consumer.partitionsFor(topic);
    while (partitions.isEmpty()) {
      if (System.nanoTime() > deadline) {
        throw new KafkaAccessException("Topic " + topic + " has no partitions on Kafka at " + bootstrapServers
            + " after " + TOPIC_WAIT.toSeconds() + " s: check that the broker allows topic creation.", null);
      }
      pause();
      partitions = consumer.partitionsFor(topic);
    }
    return partitions.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
  }

  private static void pause() {
    try {
      Thread.sleep(METADATA_RETRY.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KafkaAccessException("Interrupted while waiting for the job topics", e);
    }
  }

  /** Whether the job was cancelled or reached a final state. */
  public boolean hasEnded(String jobId) {
    return lifecycle.hasEnded(jobId);
  }

  private void run() {
    boolean caughtUp = false;
    try {
      while (running) {
        consumer.poll(Duration.ofMillis(500)).forEach(this::handle);
        if (!caughtUp && readPastStartEnds()) {
          caughtUp = true;
          lifecycle.caughtUp();
        }
      }
    } catch (WakeupException e) {
      // closing
    } finally {
      consumer.close();
    }
  }

  private boolean readPastStartEnds() {
    return startEnds.entrySet().stream().allMatch(end -> consumer.position(end.getKey()) >= end.getValue());
  }

  private void handle(ConsumerRecord<String, byte[]> record) {
    if (record.value() == null) {
      return;
    }
    if (record.topic().equals(topics.control()) && record.value().length > TopicProvisioner.MAX_COMMAND_BYTES) {
      log.warn("Ignoring a record of {} bytes on {} at offset {}: larger than a control command can be.",
          record.value().length, record.topic(), record.offset());
      return;
    }
    try {
      if (record.topic().equals(topics.jobs())) {
        lifecycle.submitted(specs.deserializer().deserialize(record.topic(), record.value()));
      } else if (record.topic().equals(topics.control())) {
        lifecycle.commanded(commands.deserializer().deserialize(record.topic(), record.value()));
      } else {
        lifecycle.stateChanged(statuses.deserializer().deserialize(record.topic(), record.value()));
      }
    } catch (SerializationException e) {
      log.warn("Skipping a record on {} at offset {} that is not a milvus-migrate record: {}",
          record.topic(), record.offset(), e.getMessage());
    }
  }

  @Override
  public void close() {
    running = false;
    consumer.wakeup();
    try {
      thread.join(Duration.ofSeconds(10).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
