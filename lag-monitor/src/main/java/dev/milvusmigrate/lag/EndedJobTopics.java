package dev.milvusmigrate.lag;

import dev.milvusmigrate.core.domain.JobId;
import dev.milvusmigrate.core.domain.TopicNames;
import dev.milvusmigrate.kafka.KafkaClients;
import dev.milvusmigrate.kafka.TopicProvisioner;
import dev.milvusmigrate.schemas.JobStates;
import dev.milvusmigrate.schemas.avro.JobStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes the own topics (snapshot, mutations, checkpoints) of jobs that ended longer than the
 * retention ago, so that finished migrations do not keep their data on Kafka for good. Reads the
 * compacted status topic every check interval on a daemon thread; the shared topics, and so every
 * job's status, stay. A failed check is logged and tried again at the next one.
 */
final class EndedJobTopics implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EndedJobTopics.class);

  private final KafkaClients clients;
  private final TopicNames topics;
  private final Duration retention;
  private final ScheduledExecutorService checks = Executors.newSingleThreadScheduledExecutor(runnable -> {
    Thread thread = new Thread(runnable, "lag-monitor-ended-job-topics");
    thread.setDaemon(true);
    return thread;
  });

  private EndedJobTopics(KafkaClients clients, TopicNames topics, Duration retention) {
    this.clients = clients;
    this.topics = topics;
    this.retention = retention;
  }

  static EndedJobTopics start(KafkaClients clients, TopicNames topics, Duration retention, Duration interval) {
    EndedJobTopics janitor = new EndedJobTopics(clients, topics, retention);
    janitor.checks.scheduleWithFixedDelay(janitor::check, interval.toMillis(), interval.toMillis(),
        TimeUnit.MILLISECONDS);
    return janitor;
  }

  /** The jobs whose end lies more than {@code retention} before {@code nowMs}. Pure. */
  static List<JobId> due(Iterable<JobStatus> statuses, long nowMs, Duration retention) {
    List<JobId> due = new ArrayList<>();
    for (JobStatus status : statuses) {
      if (JobStates.isFinal(status.getState()) && status.getEndedAt() != null
          && status.getEndedAt() <= nowMs - retention.toMillis()) {
        due.add(new JobId(status.getJobId()));
      }
    }
    return due;
  }

  private void check() {
    try {
      Map<String, JobStatus> latest = new LinkedHashMap<>();
      // Under the lag-monitor's group prefix (docs/DEPLOYMENT.md, ACLs).
      clients.readToEnd(JobStatus.class, topics.status(), topics.prefix() + "-lag-monitor-ended-job-topics",
          () -> false,
          status -> latest.put(status.getJobId(), status));
      TopicProvisioner provisioner = new TopicProvisioner(clients, topics, (short) 1);
      for (JobId job : due(latest.values(), System.currentTimeMillis(), retention)) {
        List<String> deleted = provisioner.deleteJobTopics(job);
        if (!deleted.isEmpty()) {
          log.info("Deleted the topics of job {}, which ended more than {} ago: {}", job, retention, deleted);
        }
      }
    } catch (RuntimeException e) {
      log.warn("Could not delete the topics of ended jobs (tried again in a while): {}", e.getMessage());
    }
  }

  @Override
  public void close() {
    checks.shutdownNow();
  }
}
