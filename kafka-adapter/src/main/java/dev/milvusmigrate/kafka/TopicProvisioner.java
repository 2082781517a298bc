package dev.milvusmigrate.kafka;

import dev.milvusmigrate.core.domain.JobId;
import dev.milvusmigrate.core.domain.TopicNames;
import dev.milvusmigrate.schemas.avro.JobMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the pipeline's topics if they are missing, each with the settings it needs: data
 * topics keep records until the job is removed and accept records up to {@link
 * KafkaClients#MAX_RECORD_BYTES}; views (jobs, status, services, checkpoints) are compacted; the control
 * topic accepts only command-sized records ({@link #MAX_COMMAND_BYTES}). Existing
 * topics are left as they are, so every service can call this at start.
 */
public final class TopicProvisioner {

  /** Largest record the control topic accepts. */
  public static final int MAX_COMMAND_BYTES = 64 * 1024;

  private static final Map<String, String> KEEP =
      Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1", TopicConfig.MAX_MESSAGE_BYTES_CONFIG,
          Integer.toString(KafkaClients.MAX_RECORD_BYTES));
  private static final Map<String, String> COMPACTED =
      Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
          TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(KafkaClients.MAX_RECORD_BYTES));
  /**
   * Announcements: the latest per instance, compacted hourly; an instance not heard from for a week
   * (long stopped) is forgotten.
   */
  private static final Map<String, String> PRESENCE =
      Map.of(TopicConfig.CLEANUP_POLICY_CONFIG,
          TopicConfig.CLEANUP_POLICY_COMPACT + "," + TopicConfig.CLEANUP_POLICY_DELETE,
          TopicConfig.SEGMENT_MS_CONFIG, Long.toString(Duration.ofHours(1).toMillis()),
          TopicConfig.RETENTION_MS_CONFIG, Long.toString(Duration.ofDays(7).toMillis()));
  private static final Map<String, String> DEFAULTS = Map.of();
  /** Commands are a few hundred bytes; the broker refuses anything bigger than this before a service reads it. */
  private static final Map<String, String> COMMANDS =
      Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(MAX_COMMAND_BYTES));

  private final KafkaClients clients;
  private final TopicNames topics;
  private final short replicationFactor;

  public TopicProvisioner(KafkaClients clients, TopicNames topics, short replicationFactor) {
    this.clients = clients;
    this.topics = topics;
    this.replicationFactor = replicationFactor;
  }

  /** Topics shared by all jobs. */
  public void ensureSharedTopics() {
    ensure(List.of(
        topic(topics.jobs(), 1, COMPACTED),
        topic(topics.progress(), 1, KEEP),
        topic(topics.control(), 1, COMMANDS),
        topic(topics.status(), 1, COMPACTED),
        topic(topics.lag(), 1, DEFAULTS),
        topic(topics.notifications(), 1, DEFAULTS),
        topic(topics.services(), 1, PRESENCE),
        topic(topics.deadLetters(), 1, KEEP)));
  }

  /**
   * Topics of one job, as its mode needs them: an offline job has no mutations and no capture;
   * partition counts bound how far sinks of the job can scale out.
   */
  public void ensureJobTopics(JobId job, JobMode mode, int snapshotPartitions, int mutationPartitions) {
    List<NewTopic> wanted = new ArrayList<>(List.of(
        topic(topics.snapshot(job), snapshotPartitions, KEEP),
        topic(topics.exporterCheckpoints(job), 1, COMPACTED)));
    if (mode == JobMode.ZERO_DOWNTIME) {
      wanted.add(topic(topics.mutations(job), mutationPartitions, KEEP));
      wanted.add(topic(topics.captureCheckpoints(job), 1, COMPACTED));
    }
    ensure(wanted);
  }

  /**
   * The topics of the capture-proxy in front of {@code sourceId}: its changes, one partition, so
   * that their order is the order the proxy appended them, kept until deleted; and its state after
   * a cutover, compacted.
   */
  public void ensureProxyTopics(String sourceId) {
    ensure(List.of(topic(topics.proxyChanges(sourceId), 1, KEEP), topic(topics.proxyState(sourceId), 1, COMPACTED)));
  }

  /**
   * Deletes the job's own topics (snapshot, mutations, checkpoints) that exist and returns their
   * names; the shared topics, and so the job's status, stay.
   */
  public List<String> deleteJobTopics(JobId job) {
    Set<String> own = Set.of(topics.snapshot(job), topics.mutations(job), topics.exporterCheckpoints(job),
        topics.captureCheckpoints(job));
    try (Admin admin = clients.admin()) {
      List<String> existing = admin.listTopics().names().get().stream().filter(own::contains).sorted().toList();
      admin.deleteTopics(existing).all().get();
      return existing;
    } catch (ExecutionException e) {
      throw new KafkaAccessException("Cannot delete the topics of job " + job + " on Kafka at "
          + clients.bootstrapServers() + ": " + e.getCause().getMessage() + ". Check that the client may delete"
          + " topics.", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KafkaAccessException("Interrupted while deleting topics", e);
    }
  }

  private NewTopic topic(String name, int partitions, Map<String, String> configs) {
    return new NewTopic(name, partitions, replicationFactor).configs(configs);
  }

  private void ensure(List<NewTopic> wanted) {
    try (Admin admin = clients.admin()) {
      Set<String> existing = admin.listTopics().names().get();
      List<NewTopic> missing = new ArrayList<>();
      wanted.stream().filter(t -> !existing.contains(t.name())).forEach(missing::add);
      createAll(admin, missing);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof TimeoutException) {
        throw new KafkaAccessException("Cannot reach Kafka at " + clients.bootstrapServers() + " within "
            + shown(clients.adminTimeout()) + "; check the address, that the brokers run, and "
            + KafkaClientKeys.PIPELINE.protocol().name() + " (a PLAINTEXT client gets no answer from a TLS or SASL"
            + " listener).", e);
      }
      KafkaRefusal.of(KafkaClientKeys.PIPELINE, clients.bootstrapServers(), e).ifPresent(sentence -> {
        throw new KafkaAccessException(sentence, e);
      });
      throw new KafkaAccessException("Cannot list or create topics on Kafka at " + clients.bootstrapServers()
          + ": " + e.getCause().getMessage() + ". Check the address and that the client may create topics.", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KafkaAccessException("Interrupted while creating topics", e);
    }
  }

  private static String shown(Duration timeout) {
    return timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms";
  }

  private static void createAll(Admin admin, List<NewTopic> missing) throws InterruptedException, ExecutionException {
    for (var result : admin.createTopics(missing).values().values()) {
      try {
        result.get();
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw e;
        }
      }
    }
  }
}
