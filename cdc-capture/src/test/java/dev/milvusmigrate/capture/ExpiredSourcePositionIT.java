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
import io.milvus.grpc.MsgBase;
import io.milvus.grpc.MsgType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import milvus.proto.msg.Msg;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A capture checkpoint the source's log no longer holds (Kafka retention deleted the records
 * while capture was down) fails the job with one sentence naming the channel and both offsets; the
 * records in between are never skipped: nothing is published past the checkpoint. Runs on a real
 * broker whose DML topic the test writes, with Milvus Lite as the source's metadata. On the same
 * fixture: a job naming another source than capture's fails at once, and capture starts nothing.
 */
@ExtendWith({KafkaBrokerExtension.class, MilvusLiteExtension.class})
class ExpiredSourcePositionIT {

  private static final Duration TIMEOUT = Duration.ofMinutes(2);

  @Test
  void aCheckpointRetentionDeletedFailsTheJobInsteadOfSkippingChanges(KafkaBroker broker, MilvusLiteServer source)
      throws Exception {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    TopicNames topics = new TopicNames("expired-" + suffix);
    JobId job = new JobId("zdm-" + suffix);
    String walPrefix = "src" + suffix;
    String dmlTopic = walPrefix + "-rootcoord-dml_0";
    broker.createTopic(dmlTopic, 1, Map.of());
    KafkaClients clients = new KafkaClients(broker.bootstrapServers(), Map.of());
    try (KafkaProducer<byte[], byte[]> sourceLog = clients.rawProducer("it-source-log")) {
      writeTicks(sourceLog, dmlTopic, 1, 3);
      CaptureConfig config = config(broker, topics, source, walPrefix);
      try (CdcCaptureService first = new CdcCaptureService(config).start()) {
        CaptureJobs.submit(clients, topics, job, source.uri());
        awaitProgress(clients, topics, event -> event.getPayload() instanceof CaptureStarted started
            && started.getJobId().equals(job.value()));
      }
      // While capture is down the source keeps writing, and retention deletes those records.
      writeTicks(sourceLog, dmlTopic, 4, 3);
      try (Admin admin = clients.admin()) {
        admin.deleteRecords(Map.of(new TopicPartition(dmlTopic, 0), RecordsToDelete.beforeOffset(6))).all().get();
      }

      try (CdcCaptureService second = new CdcCaptureService(config).start()) {
        ProgressEvent failed = awaitProgress(clients, topics, event -> event.getPayload() instanceof JobFailed f
            && f.getJobId().equals(job.value()));
        assertThat(((JobFailed) failed.getPayload()).getReason()).isEqualTo("The source's log " + dmlTopic
            + "-0 no longer holds offset 3 (Kafka retention removed everything before offset 6), so changes made"
            + " while capture was behind are lost: raise the retention of the source's Kafka topics and start a new"
            + " job.");
        await("capture of the failed job stopped").atMost(TIMEOUT).until(() -> !second.isCapturing(job.value()));
      }
    }
    assertThat(checkpointOffsets(clients, topics, job, dmlTopic)).as("never moved past the lost records")
        .containsOnly(3L);
    assertThat(allOf(clients, topics.mutations(job), PipelineEvent.class)).as("nothing captured past the gap")
        .allMatch(event -> event.getPayload() instanceof Heartbeat);
  }

  @Test
  void aJobNamingAnotherSourceFailsAtOnceAndNothingIsCaptured(KafkaBroker broker, MilvusLiteServer source) {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    TopicNames topics = new TopicNames("other-source-" + suffix);
    JobId job = new JobId("zdm-" + suffix);
    KafkaClients clients = new KafkaClients(broker.bootstrapServers(), Map.of());
    try (CdcCaptureService capture = new CdcCaptureService(config(broker, topics, source, "src" + suffix)).start()) {
      CaptureJobs.submit(clients, topics, job, "http://other-source:19530");

      ProgressEvent failed = awaitProgress(clients, topics, event -> event.getPayload() instanceof JobFailed
          || event.getPayload() instanceof CaptureStarted);
      assertThat(failed.getPayload()).isInstanceOf(JobFailed.class);
      assertThat(((JobFailed) failed.getPayload()).getReason()).isEqualTo("The job's source is"
          + " http://other-source:19530 but this cdc-capture is configured for the source " + source.uri()
          + " (source.uri): nothing was written; run the job with services configured for its servers.");
      assertThat(capture.isCapturing(job.value())).isFalse();
    }
  }

  private static CaptureConfig config(KafkaBroker broker, TopicNames topics, MilvusLiteServer source,
      String walPrefix) {
    return CaptureConfig.of(Map.of(), Map.of(), Map.of(
        "kafka.bootstrap", broker.bootstrapServers(),
        "capture.wal.bootstrap", broker.bootstrapServers(),
        "kafka.topic-prefix", topics.prefix(),
        "source.uri", source.uri(),
        "capture.wal.prefix", walPrefix,
        "capture.heartbeat.interval", "200ms",
        "capture.retry.backoff", "200ms"));
  }

  /** {@code count} time ticks, as Milvus writes them to an idle channel. */
  private static void writeTicks(KafkaProducer<byte[], byte[]> producer, String topic, int first, int count)
      throws Exception {
    for (int i = first; i < first + count; i++) {
      producer.send(new ProducerRecord<>(topic, tick(i))).get();
    }
  }

  /** A time tick as Milvus writes it to an idle channel, the {@code i}-th of this millisecond. */
  static byte[] tick(int i) {
    long ts = (System.currentTimeMillis() << 18) | i;
    return Msg.TimeTickMsg.newBuilder()
        .setBase(MsgBase.newBuilder().setMsgType(MsgType.TimeTick).setTimestamp(ts).setSourceID(1)).build()
        .toByteArray();
  }

  static ProgressEvent awaitProgress(KafkaClients clients, TopicNames topics, Predicate<ProgressEvent> wanted) {
    List<ProgressEvent> seen = new ArrayList<>();
    try (KafkaConsumer<String, ProgressEvent> progress = clients.consumer(ProgressEvent.class,
        "it-" + UUID.randomUUID(), "it-progress")) {
      progress.subscribe(List.of(topics.progress()));
      await("progress event").atMost(TIMEOUT).until(() -> {
        for (ConsumerRecord<String, ProgressEvent> record : progress.poll(Duration.ofMillis(200))) {
          seen.add(record.value());
        }
        return seen.stream().anyMatch(wanted);
      });
    }
    return seen.stream().filter(wanted).findFirst().orElseThrow();
  }

  private static List<Long> checkpointOffsets(KafkaClients clients, TopicNames topics, JobId job, String dmlTopic) {
    return allOf(clients, topics.captureCheckpoints(job), CaptureCheckpoint.class).stream()
        .filter(checkpoint -> checkpoint.getSourceTopic().equals(dmlTopic))
        .map(CaptureCheckpoint::getNextOffset).toList();
  }

  static <V extends SpecificRecordBase> List<V> allOf(KafkaClients clients,
      String topic, Class<V> type) {
    List<V> all = new ArrayList<>();
    clients.readToEnd(type, topic, "it-read-" + UUID.randomUUID(), () -> false, all::add);
    return all;
  }
}
