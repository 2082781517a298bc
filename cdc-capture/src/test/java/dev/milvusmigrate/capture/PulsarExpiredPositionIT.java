package dev.milvusmigrate.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.milvusmigrate.schemas.avro.Heartbeat;
import dev.milvusmigrate.schemas.avro.PipelineEvent;
import dev.milvusmigrate.testkit.kafka.KafkaBroker;
import dev.milvusmigrate.testkit.kafka.KafkaBrokerExtension;
import dev.milvusmigrate.testkit.milvus.MilvusLiteExtension;
import dev.milvusmigrate.testkit.milvus.MilvusLiteServer;
import dev.milvusmigrate.testkit.pulsar.PulsarStandalone;
import dev.milvusmigrate.testkit.pulsar.PulsarStandaloneExtension;
import java.time.Duration;
import java.util.Map;
import org.apache.pulsar.client.api.Producer;
import org.apache.pulsar.client.api.PulsarClient;
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
    PulsarCaptureJob scenario = PulsarCaptureJob.newPipeline("pexpired", broker);
    CaptureConfig config = scenario.config(pulsar, source, Map.of("capture.retry.backoff", "200ms"));
    try (PulsarClient client = PulsarClient.builder().serviceUrl(pulsar.serviceUrl()).build();
        Producer<byte[]> sourceLog = scenario.sourceLog(client)) {
      for (int i = 1; i <= 3; i++) {
        sourceLog.send(ExpiredSourcePositionIT.tick(i));
      }
      try (CdcCaptureService first = new CdcCaptureService(config).start()) {
        scenario.submit(source);
        scenario.awaitStarted();
        assertThat(pulsar.topicsWithSubscription(scenario.walPrefix, scenario.subscription))
            .containsExactly(scenario.dmlTopic);
      }
      // While capture is down its subscription goes, and the source keeps writing.
      pulsar.deleteSubscription(scenario.dmlTopic, scenario.subscription);
      for (int i = 4; i <= 6; i++) {
        sourceLog.send(ExpiredSourcePositionIT.tick(i));
      }

      try (CdcCaptureService second = new CdcCaptureService(config).start()) {
        String reason = scenario.awaitFailure();
        long position = scenario.checkpoints().stream().mapToLong(Long::longValue).max().orElseThrow();
        assertThat(position).as("capture started after the first ticks").isGreaterThan(0);
        assertThat(reason).isEqualTo("The source's log " + scenario.dmlTopic + " may no longer hold position "
            + position + " because capture's subscription " + scenario.subscription + " on it is gone (deleted, or"
            + " expired by the namespace's subscription expiration), so changes made while capture was behind may be"
            + " lost: start a new job.");
        await("capture of the failed job stopped").atMost(TIMEOUT)
            .until(() -> !second.isCapturing(scenario.job.value()));
      }
    }
    assertThat(ExpiredSourcePositionIT.allOf(scenario.clients, scenario.topics.mutations(scenario.job),
        PipelineEvent.class)).as("nothing captured past the gap").allMatch(event -> event.getPayload() instanceof Heartbeat);
    assertThat(pulsar.topicsWithSubscription(scenario.walPrefix, scenario.subscription))
        .as("no subscription left behind").isEmpty();
  }
}
