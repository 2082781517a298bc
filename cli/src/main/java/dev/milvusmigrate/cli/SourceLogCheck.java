package dev.milvusmigrate.cli;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * Checks before a zero-downtime job that the source's changes can be read: the source's Kafka answers
 * and, when the source has collections, holds its DML topics under the given cluster prefix; or the
 * pipeline's Kafka holds the topic of the capture-proxy the applications write through.
 */
final class SourceLogCheck {

  private static final Duration TIMEOUT = Duration.ofSeconds(15);

  private SourceLogCheck() {}

  static void check(String bootstrap, String clusterPrefix, int sourceCollections) {
    Set<String> topics = topics(bootstrap, "--source-wal-kafka (host:port of the Kafka the source Milvus writes its"
        + " log to)");
    String dml = clusterPrefix + "-rootcoord-dml_";
    boolean found = topics.stream().anyMatch(topic -> topic.startsWith(dml));
    if (sourceCollections > 0 && !found) {
      throw CliFailure.badInput("The source's Kafka at " + bootstrap + " has no log topics " + dml + "*: check"
          + " --source-wal-kafka and --source-wal-prefix (the source's common.chanNamePrefix.cluster), and that the"
          + " source Milvus uses Kafka as its message queue.");
    }
  }

  static void checkProxy(String kafka, String topic, String sourceId) {
    if (!topics(kafka, "--kafka").contains(topic)) {
      throw CliFailure.badInput("No capture-proxy records the writes of source '" + sourceId + "' in the Kafka at "
          + kafka + " (it has no topic " + topic + "): start `milvus-migrate proxy --source-id " + sourceId
          + " --kafka " + kafka + " ...`, point the applications at it, then start the job.");
    }
  }

  private static Set<String> topics(String bootstrap, String option) {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis(),
        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis()))) {
      return admin.listTopics().names().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw CliFailure.badInput("The Kafka at " + bootstrap + " did not answer within " + TIMEOUT.toSeconds()
          + " s: check " + option + ".");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw CliFailure.badInput("Interrupted while checking the Kafka at " + bootstrap + ".");
    }
  }
}
