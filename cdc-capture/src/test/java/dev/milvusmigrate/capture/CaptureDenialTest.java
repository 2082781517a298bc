package dev.milvusmigrate.capture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.milvusmigrate.kafka.KafkaClientKeys;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TransactionalIdAuthorizationException;
import org.junit.jupiter.api.Test;

/** Which permission Kafka denied capture, and on which connection. */
class CaptureDenialTest {

  private final WalCapture wal = WalCapture.onKafka(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "wal:9093"),
      KafkaClientKeys.SOURCE_LOG, "by-dev");

  @Test
  void aDenialReportedInsideATransactionsErrorIsFound() {
    TransactionalIdAuthorizationException denied = new TransactionalIdAuthorizationException("Transactional Id"
        + " authorization failed.");

    assertThat(JobCapture.denial(new KafkaException("Cannot execute transactional method", denied)))
        .contains(denied);
    assertThat(JobCapture.denial(new KafkaException("Disconnected"))).isEmpty();
  }

  @Test
  void aDeniedLogTopicIsNamedWithTheSourceLogSettings() {
    assertThat(wal.refusal(new TopicAuthorizationException(Set.of("by-dev-rootcoord-dml_3")))).hasValueSatisfying(
        sentence -> assertThat(sentence).startsWith("Kafka at wal:9093 (the source's log Kafka")
            .contains("denied reading the source's log [by-dev-rootcoord-dml_3]")
            .endsWith("grant this client's principal the ACLs docs/DEPLOYMENT.md lists for it."));
  }

  @Test
  void aDenialOfAnotherTopicIsLeftToCaptureToName() {
    assertThat(wal.refusal(new TopicAuthorizationException(Set.of("milvus-migrate.job.j.mutations")))).isEmpty();
  }
}
