package dev.milvusmigrate.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.milvusmigrate.core.domain.JobId;
import dev.milvusmigrate.core.domain.TopicNames;
import dev.milvusmigrate.kafka.KafkaClients;
import dev.milvusmigrate.schemas.avro.CaptureCheckpoint;
import dev.milvusmigrate.schemas.avro.CaptureStarted;
import dev.milvusmigrate.schemas.avro.JobFailed;
import dev.milvusmigrate.schemas.avro.ProgressEvent;
import dev.milvusmigrate.testkit.kafka.KafkaBroker;
import dev.milvusmigrate.testkit.kafka.KafkaBrokerExtension;
import dev.milvusmigrate.testkit.milvus.MilvusLiteExtension;
import dev.milvusmigrate.testkit.milvus.MilvusLiteServer;
import dev.milvusmigrate.testkit.pulsar.PulsarStandalone;
import dev.milvusmigrate.testkit.pulsar.PulsarStandaloneExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.pulsar.client.api.MessageId;
import org.apache.pulsar.client.api.Producer;
import org.apache.pulsar.client.api.PulsarClient;
import org.apache.pulsar.client.api.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The source's Pulsar broker restarted while capture reads it: capture reconnects (or restarts
 * from its checkpoints) and goes on, its checkpoint passes what the source wrote after the
 * restart, the job does not fail and capture's subscription is still there. The test writes the
 * DML topic itself (time ticks, as Milvus writes them), with Milvus Lite as the metadata source.
 */
@ExtendWith({KafkaBrokerExtension.class, MilvusLiteExtension.class, PulsarStandaloneExtension.class})
class PulsarBrokerRestartIT {

  private static final Duration TIMEOUT = Duration.ofMinutes(2);

  @Test
  void captureGoesOnAfterTheSourcesPulsarRestarted(KafkaBroker broker, MilvusLiteServer source,
      PulsarStandalone pulsar) throws Exception {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    TopicNames topics = new TopicNames("prestart-" + suffix);
    JobId job = new JobId("zdm-" + suffix);
    String walPrefix = "src" + suffix;
    String dmlTopic = "persistent://public/default/" + walPrefix + "-rootcoord-dml_0";
    String subscription = topics.prefix() + ".cdc-capture." + job.value();
    KafkaClients clients = new KafkaClients(broker.bootstrapServers(), Map.of());
    CaptureConfig config = CaptureConfig.of(Map.of(), Map.of(), Map.of(
        "kafka.bootstrap", broker.bootstrapServers(),
        "kafka.topic-prefix", topics.prefix(),
        "source.uri", source.uri(),
        "capture.wal.pulsar.service-url", pulsar.serviceUrl(),
        "capture.wal.pulsar.admin-url", pulsar.adminUrl(),
        "capture.wal.prefix", walPrefix,
        "capture.heartbeat.interval", "200ms",
        "capture.retry.backoff", "500ms"));
    try (PulsarClient client = PulsarClient.builder().serviceUrl(pulsar.serviceUrl()).build();
        Producer<byte[]> sourceLog = client.newProducer(Schema.BYTES).topic(dmlTopic).enableBatching(false).create();
        CdcCaptureService capture = new CdcCaptureService(config).start()) {
      for (int i = 1; i <= 3; i++) {
        sourceLog.send(ExpiredSourcePositionIT.tick(i));
      }
      CaptureJobs.submit(clients, topics, job, source.uri());
      ExpiredSourcePositionIT.awaitProgress(clients, topics, event -> event.getPayload() instanceof CaptureStarted
          && ((CaptureStarted) event.getPayload()).getJobId().equals(job.value()));

      pulsar.restart(Duration.ofSeconds(1));
      MessageId last = null;
      for (int i = 4; i <= 6; i++) {
        last = sourceLog.send(ExpiredSourcePositionIT.tick(i));
      }
      long after = PulsarPositions.offset(dmlTopic, last) + 1;

      await("capture's checkpoint passed the ticks written after the restart").atMost(TIMEOUT)
          .until(() -> checkpoints(clients, topics, job, dmlTopic).contains(after));
      assertThat(capture.isCapturing(job.value())).isTrue();
      assertThat(ExpiredSourcePositionIT.allOf(clients, topics.progress(), ProgressEvent.class))
          .noneMatch(event -> event.getPayload() instanceof JobFailed failed && failed.getJobId().equals(job.value()));
      assertThat(pulsar.topicsWithSubscription(walPrefix, subscription)).containsExactly(dmlTopic);
    }
  }

  private static List<Long> checkpoints(KafkaClients clients, TopicNames topics, JobId job, String dmlTopic) {
    return ExpiredSourcePositionIT.allOf(clients, topics.captureCheckpoints(job), CaptureCheckpoint.class).stream()
        .filter(checkpoint -> checkpoint.getSourceTopic().equals(dmlTopic))
        .map(CaptureCheckpoint::getNextOffset).toList();
  }
}
