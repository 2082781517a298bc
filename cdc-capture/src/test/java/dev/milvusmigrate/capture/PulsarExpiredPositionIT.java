package dev.milvusmigrate.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.milvusmigrate.core.domain.JobId;
import dev.milvusmigrate.core.domain.TopicNames;
import dev.milvusmigrate.kafka.KafkaClients;
import dev.milvusmigrate.schemas.avro.CaptureCheckpoint;
import dev.milvusmigrate.schemas.avro.CaptureStarted;
import dev.milvusmigrate.schemas.avro.Heartbeat;
import dev.milvusmigrate.schemas.avro.JobFailed;
import dev.milvusmigrate.schemas.avro.PipelineEvent;
import dev.milvusmigrate.schemas.avro.ProgressEvent;
import dev.milvusmigrate.testkit.kafka.KafkaBroker;
import dev.milvusmigrate.testkit.kafka.KafkaBrokerExtension;
import dev.milvusmigrate.testkit.milvus.MilvusLiteExtension;
import dev.milvusmigrate.testkit.milvus.MilvusLiteServer;
import dev.milvusmigrate.testkit.pulsar.PulsarStandalone;
import dev.milvusmigrate.testkit.pulsar.PulsarStandaloneExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.apache.pulsar.client.api.Producer;
import org.apache.pulsar.client.api.PulsarClient;
import org.apache.pulsar.client.api.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * On a Pulsar source, what holds the log for capture is its own subscription: when it is gone
 * while capture is down (deleted here through the admin REST API, as the namespace's subscription
 * expiration would), the restarted capture fails the job with one sentence naming the topic, the
 * position and the subscription instead of skipping changes, publishes nothing past its
 * checkpoint and leaves no subscription behind. The test writes the DML topic itself (time ticks,
 * as Milvus writes them), with Milvus Lite as the source's metadata.
 */
@ExtendWith({KafkaBrokerExtension.class, MilvusLiteExtension.class, PulsarStandaloneExtension.class})
class PulsarExpiredPositionIT {

  private static final Duration TIMEOUT = Duration.ofMinutes(2);

  @Test
  void aSubscriptionGoneWhileCaptureWasDownFailsTheJobInsteadOfSkippingChanges(KafkaBroker broker,
      MilvusLiteServer source, PulsarStandalone pulsar) throws Exception {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    TopicNames topics = new TopicNames("pexpired-" + suffix);
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
        "capture.retry.backoff", "200ms"));
    try (PulsarClient client = PulsarClient.builder().serviceUrl(pulsar.serviceUrl()).build();
        Producer<byte[]> sourceLog = client.newProducer(Schema.BYTES).topic(dmlTopic).enableBatching(false).create()) {
      for (int i = 1; i <= 3; i++) {
        sourceLog.send(ExpiredSourcePositionIT.tick(i));
      }
      try (CdcCaptureService first = new CdcCaptureService(config).start()) {
        CaptureJobs.submit(clients, topics, job, source.uri());
        ExpiredSourcePositionIT.awaitProgress(clients, topics, event -> event.getPayload() instanceof CaptureStarted
            && ((CaptureStarted) event.getPayload()).getJobId().equals(job.value()));
        assertThat(pulsar.topicsWithSubscription(walPrefix, subscription)).containsExactly(dmlTopic);
      }
      // While capture is down its subscription goes, and the source keeps writing.
      deleteSubscription(pulsar, dmlTopic, subscription);
      for (int i = 4; i <= 6; i++) {
        sourceLog.send(ExpiredSourcePositionIT.tick(i));
      }

      try (CdcCaptureService second = new CdcCaptureService(config).start()) {
        ProgressEvent failed = ExpiredSourcePositionIT.awaitProgress(clients, topics,
            event -> event.getPayload() instanceof JobFailed f && f.getJobId().equals(job.value()));
        long position = checkpoint(clients, topics, job, dmlTopic);
        assertThat(position).as("capture started after the first ticks").isGreaterThan(0);
        assertThat(((JobFailed) failed.getPayload()).getReason()).isEqualTo("The source's log " + dmlTopic
            + " may no longer hold position " + position + " because capture's subscription " + subscription
            + " on it is gone (deleted, or expired by the namespace's subscription expiration), so changes made"
            + " while capture was behind may be lost: start a new job.");
        await("capture of the failed job stopped").atMost(TIMEOUT).until(() -> !second.isCapturing(job.value()));
      }
    }
    assertThat(ExpiredSourcePositionIT.allOf(clients, topics.mutations(job), PipelineEvent.class))
        .as("nothing captured past the gap").allMatch(event -> event.getPayload() instanceof Heartbeat);
    assertThat(pulsar.topicsWithSubscription(walPrefix, subscription)).as("no subscription left behind").isEmpty();
  }

  private static long checkpoint(KafkaClients clients, TopicNames topics, JobId job, String dmlTopic) {
    return ExpiredSourcePositionIT.allOf(clients, topics.captureCheckpoints(job), CaptureCheckpoint.class).stream()
        .filter(checkpoint -> checkpoint.getSourceTopic().equals(dmlTopic))
        .mapToLong(CaptureCheckpoint::getNextOffset).max().orElseThrow();
  }

  private static void deleteSubscription(PulsarStandalone pulsar, String topic, String subscription)
      throws Exception {
    String url = pulsar.adminUrl() + "/admin/v2/" + topic.replace("://", "/") + "/subscription/" + subscription;
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).DELETE()
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("DELETE %s: %s", url, response.body()).isEqualTo(204);
  }
}
