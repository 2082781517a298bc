package dev.milvusmigrate.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.milvusmigrate.schemas.avro.CommandType;
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
import org.apache.pulsar.client.api.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A job cancelled while no cdc-capture ran leaves capture's subscription on the source's Pulsar
 * (nothing runs to delete it); the next start of cdc-capture deletes it, and only it: the
 * subscription of a live job of the same pipeline, and one of the same job id under another
 * pipeline's prefix, stay. The test writes the DML topic itself, with Milvus Lite as the source's
 * metadata ({@link PulsarCaptureJob}).
 */
@ExtendWith({KafkaBrokerExtension.class, MilvusLiteExtension.class, PulsarStandaloneExtension.class})
class PulsarEndedJobSubscriptionIT {

  private static final Duration TIMEOUT = Duration.ofMinutes(2);

  @Test
  void aStartOfCaptureDeletesTheSubscriptionOfAJobCancelledWhileNoCaptureRan(KafkaBroker broker,
      MilvusLiteServer source, PulsarStandalone pulsar) throws Exception {
    PulsarCaptureJob cancelled = PulsarCaptureJob.newPipeline("pended", broker);
    PulsarCaptureJob live = cancelled.another();
    String otherPipelines = PulsarLog.subscription("other-" + cancelled.topics.prefix(), cancelled.job.value());
    CaptureConfig config = cancelled.config(pulsar, source, Map.of());
    try (PulsarClient client = PulsarClient.builder().serviceUrl(pulsar.serviceUrl()).build();
        Producer<byte[]> sourceLog = cancelled.sourceLog(client)) {
      sourceLog.send(ExpiredSourcePositionIT.tick(1));
      client.newConsumer(Schema.BYTES).topic(cancelled.dmlTopic).subscriptionName(otherPipelines).subscribe().close();
      try (CdcCaptureService first = new CdcCaptureService(config).start()) {
        cancelled.submit(source);
        live.submit(source);
        cancelled.awaitStarted();
        live.awaitStarted();
      }
      CaptureJobs.command(cancelled.clients, cancelled.topics, cancelled.job, CommandType.CANCEL);
      assertThat(pulsar.topicsWithSubscription(cancelled.walPrefix, cancelled.subscription))
          .as("no capture runs to delete the cancelled job's subscription").containsExactly(cancelled.dmlTopic);

      try (CdcCaptureService second = new CdcCaptureService(config).start()) {
        await("the restarted capture deleted the cancelled job's subscription").atMost(TIMEOUT)
            .until(() -> pulsar.topicsWithSubscription(cancelled.walPrefix, cancelled.subscription).isEmpty());
        await("the live job is captured again").atMost(TIMEOUT).until(() -> second.isCapturing(live.job.value()));
        assertThat(pulsar.topicsWithSubscription(live.walPrefix, live.subscription))
            .as("the live job's subscription").containsExactly(live.dmlTopic);
        assertThat(pulsar.topicsWithSubscription(cancelled.walPrefix, otherPipelines))
            .as("another pipeline's subscription").containsExactly(cancelled.dmlTopic);

        CaptureJobs.command(live.clients, live.topics, live.job, CommandType.CANCEL);
        await("the live job's capture deleted its subscription when the job was cancelled").atMost(TIMEOUT)
            .until(() -> pulsar.topicsWithSubscription(live.walPrefix, live.subscription).isEmpty());
      }
    } finally {
      pulsar.deleteSubscription(cancelled.dmlTopic, otherPipelines);
    }
  }
}
