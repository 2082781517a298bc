package dev.milvusmigrate.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;

import dev.milvusmigrate.core.domain.JobId;
import dev.milvusmigrate.core.domain.TopicNames;
import dev.milvusmigrate.kafka.KafkaClients;
import dev.milvusmigrate.schemas.avro.CommandType;
import dev.milvusmigrate.schemas.avro.Mutation;
import dev.milvusmigrate.schemas.avro.PipelineEvent;
import dev.milvusmigrate.testkit.kafka.KafkaBroker;
import dev.milvusmigrate.testkit.kafka.KafkaBrokerExtension;
import dev.milvusmigrate.testkit.milvus.MilvusStandaloneServer;
import dev.milvusmigrate.testkit.milvus.PythonMilvusEnvironment;
import dev.milvusmigrate.testkit.milvus.StandaloneOptions;
import dev.milvusmigrate.testkit.milvus.StandalonePulsar;
import dev.milvusmigrate.testkit.pulsar.PulsarStandalone;
import dev.milvusmigrate.testkit.pulsar.PulsarStandaloneExtension;
import dev.milvusmigrate.testkit.python.PyMilvus;
import dev.milvusmigrate.testkit.python.PyMilvusWorkload;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Capture from a Milvus 2.3.5 whose message queue is Pulsar (the test kit's Pulsar standalone):
 * pymilvus creates a collection and writes while capture runs, capture is restarted while the
 * writer is still writing, and the entities the captured mutations leave must equal, field by
 * field, what pymilvus reads from the source. While capture runs, its subscription holds the log on
 * every DML topic; after the stop-sync fence no subscription of capture is left on Pulsar, as its
 * admin REST API shows.
 */
@ExtendWith({KafkaBrokerExtension.class, PulsarStandaloneExtension.class})
class PulsarCaptureIT {

  private static final Logger log = LoggerFactory.getLogger(PulsarCaptureIT.class);
  private static final Duration TIMEOUT = Duration.ofMinutes(3);
  private static final int PARTITIONS = 3;
  private static final int INITIAL_ROWS = 300;
  private static final int WRITER_OPERATIONS = 120;
  private static final int WRITER_PACE_MS = 25;

  @Test
  void captureOfAMilvusOnPulsarSurvivesARestartMatchesThePymilvusWritesAndLeavesNoSubscription(KafkaBroker kafka,
      PulsarStandalone pulsar, @TempDir Path work) throws Exception {
    String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    TopicNames topics = new TopicNames("pul-" + suffix);
    JobId job = new JobId("zdm-" + suffix);
    String subscription = PulsarLog.subscription(topics.prefix(), job.value());
    KafkaClients clients = new KafkaClients(kafka.bootstrapServers(), Map.of());
    PyMilvusWorkload workload = new PyMilvusWorkload("default", "pul_" + suffix, List.of("p1", "p2"));
    Path workloadScript = PyMilvus.script("workload.py");

    try (MilvusStandaloneServer server = MilvusStandaloneServer.start(PythonMilvusEnvironment.shared(),
        StandaloneOptions.onPulsar(new StandalonePulsar(PulsarStandalone.HOST, pulsar.brokerPort(),
            pulsar.webPort())))) {
      Map<String, String> settings = Map.of(
          "kafka.bootstrap", kafka.bootstrapServers(),
          "capture.wal.pulsar.service-url", pulsar.serviceUrl(),
          "capture.wal.pulsar.admin-url", pulsar.adminUrl(),
          "kafka.topic-prefix", topics.prefix(),
          "kafka.mutation-partitions", Integer.toString(PARTITIONS),
          "source.uri", server.uri(),
          "capture.wal.prefix", server.clusterPrefix(),
          "capture.heartbeat.interval", "200ms",
          "capture.channel.refresh", "500ms");
      CdcCaptureService service = new CdcCaptureService(CaptureConfig.of(Map.of(), Map.of(), settings)).start();
      try {
        CaptureJobs.submit(clients, topics, job, server.uri());
        CaptureJobs.awaitStarted(clients, topics, job);
        assertThat(pulsar.topicsWithSubscription(server.dmlTopicPrefix(), subscription))
            .as("capture's subscription holds the log of every DML channel").isNotEmpty();

        workload.create(server.uri(), INITIAL_ROWS, false);
        long writerStarted = System.currentTimeMillis();
        CompletableFuture<String> writer = CompletableFuture.supplyAsync(() -> {
          try {
            return PyMilvusCaptureIT.write(workloadScript, server.uri(), workload.collection(), work,
                WRITER_OPERATIONS, WRITER_PACE_MS);
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        });
        awaitMutationAfter(clients, topics, job, workload.collection(), writerStarted);
        assertThat(writer).as("the writer is still writing when capture restarts").isNotDone();
        service.close();
        service = new CdcCaptureService(CaptureConfig.of(Map.of(), Map.of(), settings)).start();
        String stats = writer.get();
        long writesEnded = System.currentTimeMillis();
        assertThat(stats).contains("\"operations\": " + WRITER_OPERATIONS);

        CapturedEntities captured = PyMilvusCaptureIT.capturedUntil(service, clients, topics, job,
            workload.collection(), writesEnded);
        Path capturedFile = Files.writeString(work.resolve("captured.json"), captured.toJson());
        Path compare = PyMilvusCaptureIT.script(work, "compare_captured.py");
        AtomicReference<String> summary = new AtomicReference<>();
        await("pymilvus reads on the source what capture published").atMost(TIMEOUT).untilAsserted(() ->
            assertThatCode(() -> summary.set(PyMilvus.shared().run(compare, TIMEOUT, "--workload",
                workloadScript.toString(), "--uri", server.uri(), "--collection", workload.collection(), "--captured",
                capturedFile.toString()))).doesNotThrowAnyException());
        log.info("pymilvus comparison of {}: {}", workload.collection(), summary.get());
        assertThat(summary.get()).contains("\"_default\": {\"source_keys\"", "\"p1\": {\"source_keys\"",
            "\"p2\": {\"source_keys\"", "\"difference_count\": 0");

        CaptureJobs.command(clients, topics, job, CommandType.STOP_SYNC);
        CdcCaptureService running = service;
        await("capture wrote the fence and ended").atMost(TIMEOUT).until(() -> !running.isCapturing(job.value()));
        await("no subscription of capture left on Pulsar").atMost(TIMEOUT)
            .until(() -> pulsar.topicsWithSubscription(server.dmlTopicPrefix(), subscription).isEmpty());
      } finally {
        service.close();
      }
    }
  }

  /** Waits until capture published a mutation of the collection the source logged after {@code millis}. */
  private static void awaitMutationAfter(KafkaClients clients, TopicNames topics, JobId job, String collection,
      long millis) {
    try (KafkaConsumer<String, PipelineEvent> consumer = clients.consumer(PipelineEvent.class,
        "test-" + UUID.randomUUID(), "test-writer")) {
      List<TopicPartition> partitions = IntStream.range(0, PARTITIONS)
          .mapToObj(p -> new TopicPartition(topics.mutations(job), p)).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      await("capture published a write of the writer").atMost(TIMEOUT).until(() -> {
        for (ConsumerRecord<String, PipelineEvent> record : consumer.poll(Duration.ofMillis(200))) {
          if (record.value().getPayload() instanceof Mutation mutation && mutation.getCollection().equals(collection)
              && mutation.getSourceTs() >>> 18 > millis) {
            return true;
          }
        }
        return false;
      });
    }
  }
}
