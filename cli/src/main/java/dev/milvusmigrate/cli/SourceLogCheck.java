package dev.milvusmigrate.cli;

import dev.milvusmigrate.core.domain.TopicNames;
import dev.milvusmigrate.kafka.KafkaClientKeys;
import dev.milvusmigrate.kafka.KafkaClients;
import dev.milvusmigrate.kafka.KafkaRefusal;
import dev.milvusmigrate.kafka.TopicReader;
import dev.milvusmigrate.schemas.ProxyServing;
import dev.milvusmigrate.schemas.avro.ProxyChange;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Checks before a zero-downtime job that the source's changes can be read: the source's Kafka answers
 * and, when the source has collections, holds its DML topics under the given cluster prefix; or the
 * pipeline's Kafka holds the topic of the capture-proxy the applications write through, and that
 * proxy still serves its source.
 */
final class SourceLogCheck {

  private static final Duration TIMEOUT = Duration.ofSeconds(15);

  private SourceLogCheck() {}

  /** @param connection bootstrap servers and security settings of the source's log Kafka */
  static void check(Map<String, Object> connection, String clusterPrefix, int sourceCollections) {
    String bootstrap = (String) connection.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG);
    Set<String> topics = topics(connection, KafkaClientKeys.SOURCE_LOG, "--source-wal-kafka (host:port of the Kafka"
        + " the source Milvus writes its log to) and " + KafkaClientKeys.SOURCE_LOG.protocol().name());
    String dml = clusterPrefix + "-rootcoord-dml_";
    boolean found = topics.stream().anyMatch(topic -> topic.startsWith(dml));
    if (sourceCollections > 0 && !found) {
      throw CliFailure.badInput("The source's Kafka at " + bootstrap + " has no log topics " + dml + "*: check"
          + " --source-wal-kafka and --source-wal-prefix (the source's common.chanNamePrefix.cluster), and that the"
          + " source Milvus uses Kafka as its message queue.");
    }
  }

  /** @param kafka the pipeline's Kafka, which the capture-proxy records into */
  static void checkProxy(KafkaClients kafka, TopicNames names, String sourceId) {
    String bootstrap = kafka.bootstrapServers();
    String topic = names.proxyChanges(sourceId);
    Set<String> existing = topics(kafka.connectionSettings(), KafkaClientKeys.PIPELINE, "--kafka");
    if (!existing.contains(topic)) {
      throw CliFailure.badInput("No capture-proxy records the writes of source '" + sourceId + "' in the Kafka at "
          + bootstrap + " (it has no topic " + topic + "): start `milvus-migrate proxy --source-id " + sourceId
          + " --kafka " + bootstrap + " ...`, point the applications at it, then start the job.");
    }
    if (existing.contains(names.proxyState(sourceId))) {
      List<ProxyChange> state = TopicReader.readAll(kafka, names.proxyState(sourceId), ProxyChange.class).stream()
          .map(ConsumerRecord::value).filter(Objects::nonNull).toList();
      ProxyServing.refusal(sourceId, state).ifPresent(reason -> {
        throw CliFailure.badInput(reason);
      });
    }
  }

  /** @param check what to check when Kafka does not answer */
  private static Set<String> topics(Map<String, Object> connection, KafkaClientKeys keys, String check) {
    String bootstrap = (String) connection.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG);
    Map<String, Object> props = new HashMap<>(connection);
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
    try (Admin admin = Admin.create(props)) {
      return admin.listTopics().names().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      KafkaRefusal.of(keys, bootstrap, e).ifPresent(sentence -> {
        throw CliFailure.badInput(sentence);
      });
      throw noAnswer(bootstrap, check);
    } catch (TimeoutException e) {
      throw noAnswer(bootstrap, check);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw CliFailure.badInput("Interrupted while checking the Kafka at " + bootstrap + ".");
    }
  }

  private static CliFailure noAnswer(String bootstrap, String check) {
    return CliFailure.badInput("The Kafka at " + bootstrap + " did not answer within " + TIMEOUT.toSeconds()
        + " s: check " + check + ".");
  }
}
