package dev.milvusmigrate.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;

import dev.milvusmigrate.core.domain.JobId;
import dev.milvusmigrate.core.domain.TopicNames;
import dev.milvusmigrate.kafka.KafkaClients;
import dev.milvusmigrate.schemas.avro.Heartbeat;
import dev.milvusmigrate.schemas.avro.Mutation;
import dev.milvusmigrate.schemas.avro.PipelineEvent;
import dev.milvusmigrate.testkit.milvus.MilvusStandaloneExtension;
import dev.milvusmigrate.testkit.milvus.MilvusStandaloneServer;
import dev.milvusmigrate.testkit.python.PyMilvus;
import dev.milvusmigrate.testkit.python.PyMilvusWorkload;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
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
 * Capture of an application that writes with pymilvus, which fills the log differently from the
 * Java SDK (no array element type, no field ids): the test kit's workload creates a collection with
 * every field type Milvus 2.3.5 stores (ARRAY of eight element types, JSON, a dynamic field) in three
 * partitions and inserts, upserts (also into another partition than the key's) and deletes through
 * pymilvus while capture runs; the entities the captured mutations leave must equal, field by field,
 * what pymilvus reads from the source for every key of every partition.
 */
@ExtendWith(MilvusStandaloneExtension.class)
class PyMilvusCaptureIT {

  private static final Logger log = LoggerFactory.getLogger(PyMilvusCaptureIT.class);
  private static final Duration TIMEOUT = Duration.ofMinutes(3);
  private static final int PARTITIONS = 3;
  private static final int INITIAL_ROWS = 300;
  private static final int WRITER_OPERATIONS = 60;

  @Test
  void capturedMutationsCarryExactlyTheValuesPymilvusWrote(MilvusStandaloneServer server, @TempDir Path work)
      throws IOException {
    String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    TopicNames topics = new TopicNames("pym-" + suffix);
    JobId job = new JobId("zdm-" + suffix);
    String bootstrap = server.kafkaBootstrapServers().orElseThrow();
    KafkaClients clients = new KafkaClients(bootstrap, Map.of());
    PyMilvusWorkload workload = new PyMilvusWorkload("default", "pym_" + suffix, List.of("p1", "p2"));
    Path workloadScript = PyMilvus.script("workload.py");

    try (CdcCaptureService service = new CdcCaptureService(CaptureConfig.of(Map.of(), Map.of(), Map.of(
        "kafka.bootstrap", bootstrap,
        "capture.wal.bootstrap", bootstrap,
        "kafka.topic-prefix", topics.prefix(),
        "kafka.mutation-partitions", Integer.toString(PARTITIONS),
        "source.uri", server.uri(),
        "capture.wal.prefix", server.clusterPrefix(),
        "capture.heartbeat.interval", "200ms",
        "capture.channel.refresh", "500ms"))).start()) {
      CaptureJobs.submit(clients, topics, job, server.uri());
      CaptureJobs.awaitStarted(clients, topics, job);

      workload.create(server.uri(), INITIAL_ROWS, false);
      String stats = write(workloadScript, server.uri(), workload.collection(), work, WRITER_OPERATIONS, 0);
      long writesEnded = System.currentTimeMillis();
      assertThat(stats).contains("\"operations\": " + WRITER_OPERATIONS).contains("hot_upsert");

      CapturedEntities captured = capturedUntil(service, clients, topics, job, workload.collection(), writesEnded);
      Path capturedFile = Files.writeString(work.resolve("captured.json"), captured.toJson());
      Path compare = script(work, "compare_captured.py");
      AtomicReference<String> summary = new AtomicReference<>();
      // The collection's consistency is Bounded: pymilvus's reads catch up with the last writes shortly.
      await("pymilvus reads on the source what capture published").atMost(TIMEOUT).untilAsserted(() ->
          assertThatCode(() -> summary.set(PyMilvus.shared().run(compare, TIMEOUT, "--workload",
              workloadScript.toString(), "--uri", server.uri(), "--collection", workload.collection(), "--captured",
              capturedFile.toString()))).doesNotThrowAnyException());
      log.info("pymilvus comparison of {}: {}", workload.collection(), summary.get());
      assertThat(summary.get()).contains("\"_default\": {\"source_keys\"", "\"p1\": {\"source_keys\"",
          "\"p2\": {\"source_keys\"", "\"difference_count\": 0");
    }
  }

  /** Runs the workload's writer to its end: bursts, hot-key and cross-partition upserts, deletes. */
  static String write(Path workloadScript, String uri, String collection, Path work, int operations, int paceMs)
      throws IOException {
    Path stats = work.resolve("stats.json");
    PyMilvus.shared().run(workloadScript, TIMEOUT, "write", "--uri", uri, "--collection", collection,
        "--partitions", "p1,p2", "--first-key", "1001", "--seed", "7", "--max-ops", String.valueOf(operations),
        "--pace-ms", String.valueOf(paceMs), "--stop-file", work.resolve("no-stop").toString(), "--stats", stats.toString());
    return Files.readString(stats);
  }

  /**
   * Folds the collection's mutations until every mutations partition carried a heartbeat past
   * {@code writesEnded}: everything logged before it has been published.
   */
  static CapturedEntities capturedUntil(CdcCaptureService service, KafkaClients clients, TopicNames topics,
      JobId job, String collection, long writesEnded) {
    CapturedEntities captured = new CapturedEntities();
    Set<Integer> passed = new HashSet<>();
    try (KafkaConsumer<String, PipelineEvent> consumer = clients.consumer(PipelineEvent.class,
        "test-" + UUID.randomUUID(), "test-mutations")) {
      List<TopicPartition> partitions = IntStream.range(0, PARTITIONS)
          .mapToObj(p -> new TopicPartition(topics.mutations(job), p)).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      await("heartbeats past the last write in every partition").atMost(TIMEOUT).until(() -> {
        assertThat(service.isCapturing(job.value())).as("capture of %s runs (its JobFailed says why not)", job).isTrue();
        for (ConsumerRecord<String, PipelineEvent> record : consumer.poll(Duration.ofMillis(200))) {
          Object payload = record.value().getPayload();
          if (payload instanceof Mutation mutation && mutation.getCollection().equals(collection)) {
            captured.apply(mutation);
          } else if (payload instanceof Heartbeat heartbeat && heartbeat.getSourceTs() >>> 18 > writesEnded) {
            passed.add(record.partition());
          }
        }
        return passed.size() == PARTITIONS;
      });
    }
    return captured;
  }

  static Path script(Path work, String name) throws IOException {
    try (InputStream in = PyMilvusCaptureIT.class.getResourceAsStream(name)) {
      Path file = work.resolve(name);
      Files.copy(in, file);
      return file;
    }
  }
}
