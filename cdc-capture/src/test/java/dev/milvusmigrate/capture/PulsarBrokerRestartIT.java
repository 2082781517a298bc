package dev.milvusmigrate.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.milvusmigrate.schemas.avro.JobFailed;
import dev.milvusmigrate.testkit.kafka.KafkaBroker;
import dev.milvusmigrate.testkit.kafka.KafkaBrokerExtension;
import dev.milvusmigrate.testkit.milvus.MilvusLiteExtension;
import dev.milvusmigrate.testkit.milvus.MilvusLiteServer;
import dev.milvusmigrate.testkit.pulsar.PulsarStandalone;
import dev.milvusmigrate.testkit.pulsar.PulsarStandaloneExtension;
import java.time.Duration;
import java.util.Map;
import org.apache.pulsar.client.api.MessageId;
import org.apache.pulsar.client.api.Producer;
import org.apache.pulsar.client.api.PulsarClient;
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
    PulsarCaptureJob scenario = PulsarCaptureJob.newPipeline("prestart", broker);
    try (PulsarClient client = PulsarClient.builder().serviceUrl(pulsar.serviceUrl()).build();
        Producer<byte[]> sourceLog = scenario.sourceLog(client);
        CdcCaptureService capture = new CdcCaptureService(scenario.config(pulsar, source, Map.of())).start()) {
      for (int i = 1; i <= 3; i++) {
        sourceLog.send(ExpiredSourcePositionIT.tick(i));
      }
      scenario.submit(source);
      scenario.awaitStarted();

      pulsar.restart(Duration.ofSeconds(1));
      MessageId last = null;
      for (int i = 4; i <= 6; i++) {
        last = sourceLog.send(ExpiredSourcePositionIT.tick(i));
      }
      long after = PulsarPositions.offset(scenario.dmlTopic, last) + 1;

      await("capture's checkpoint passed the ticks written after the restart").atMost(TIMEOUT)
          .until(() -> scenario.checkpoints().contains(after));
      assertThat(capture.isCapturing(scenario.job.value())).isTrue();
      assertThat(scenario.progress()).noneMatch(event -> event.getPayload() instanceof JobFailed);
      assertThat(pulsar.topicsWithSubscription(scenario.walPrefix, scenario.subscription))
          .containsExactly(scenario.dmlTopic);
    }
  }
}
