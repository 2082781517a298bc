package dev.milvusmigrate.capture;

import static org.awaitility.Awaitility.await;

import dev.milvusmigrate.core.domain.JobId;
import dev.milvusmigrate.core.domain.TopicNames;
import dev.milvusmigrate.kafka.KafkaClients;
import dev.milvusmigrate.schemas.avro.CaptureStarted;
import dev.milvusmigrate.schemas.avro.CommandType;
import dev.milvusmigrate.schemas.avro.ControlCommand;
import dev.milvusmigrate.schemas.avro.JobMode;
import dev.milvusmigrate.schemas.avro.JobSpec;
import dev.milvusmigrate.schemas.avro.ProgressEvent;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Zero-downtime jobs for the capture tests: submitting one, commanding it, waiting until capture has started it. */
final class CaptureJobs {

  private static final Duration TIMEOUT = Duration.ofMinutes(2);

  private CaptureJobs() {}

  /** Publishes a zero-downtime job of every database of the source. */
  static void submit(KafkaClients clients, TopicNames topics, JobId job, String sourceUri) {
    JobSpec spec = JobSpec.newBuilder().setJobId(job.value()).setMode(JobMode.ZERO_DOWNTIME).setDatabase(null)
        .setCollections(List.of()).setSourceLabel(sourceUri).setTargetLabel("http://target:19530")
        .setSubmittedAt(System.currentTimeMillis()).build();
    try (KafkaProducer<String, JobSpec> producer = clients.producer(JobSpec.class, "test-jobs")) {
      producer.send(new ProducerRecord<>(topics.jobs(), job.value(), spec));
    }
  }

  /** Publishes a command for the job (STOP_SYNC with the writes confirmed as stopped, CANCEL). */
  static void command(KafkaClients clients, TopicNames topics, JobId job, CommandType type) {
    ControlCommand command = ControlCommand.newBuilder().setCommandId(UUID.randomUUID().toString())
        .setJobId(job.value()).setType(type).setWritesStoppedConfirmed(type == CommandType.STOP_SYNC)
        .setIssuedAt(System.currentTimeMillis()).build();
    try (KafkaProducer<String, ControlCommand> producer = clients.producer(ControlCommand.class, "test-control")) {
      producer.send(new ProducerRecord<>(topics.control(), job.value(), command));
    }
  }

  /** Waits for the job's {@code CaptureStarted}: every write from now on is captured. */
  static void awaitStarted(KafkaClients clients, TopicNames topics, JobId job) {
    try (KafkaConsumer<String, ProgressEvent> progress = clients.consumer(ProgressEvent.class,
        "test-" + UUID.randomUUID(), "test-progress")) {
      progress.subscribe(List.of(topics.progress()));
      await("CaptureStarted of " + job).atMost(TIMEOUT).until(() -> {
        for (ConsumerRecord<String, ProgressEvent> record : progress.poll(Duration.ofMillis(200))) {
          if (record.value().getPayload() instanceof CaptureStarted started && started.getJobId().equals(job.value())) {
            return true;
          }
        }
        return false;
      });
    }
  }
}
