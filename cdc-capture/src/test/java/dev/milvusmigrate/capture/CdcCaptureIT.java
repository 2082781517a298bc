package dev.milvusmigrate.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.milvusmigrate.core.domain.JobId;
import dev.milvusmigrate.core.domain.TopicNames;
import dev.milvusmigrate.kafka.KafkaClients;
import dev.milvusmigrate.schemas.avro.CollectionSchema;
import dev.milvusmigrate.schemas.avro.CommandType;
import dev.milvusmigrate.schemas.avro.ControlCommand;
import dev.milvusmigrate.schemas.avro.Heartbeat;
import dev.milvusmigrate.schemas.avro.Marker;
import dev.milvusmigrate.schemas.avro.MarkerKind;
import dev.milvusmigrate.schemas.avro.Mutation;
import dev.milvusmigrate.schemas.avro.MutationOp;
import dev.milvusmigrate.schemas.avro.PipelineEvent;
import dev.milvusmigrate.testkit.kafka.KafkaBroker;
import dev.milvusmigrate.testkit.milvus.MilvusStandaloneExtension;
import dev.milvusmigrate.testkit.milvus.MilvusStandaloneServer;
import io.milvus.v2.client.ConnectConfig;
import io.milvus.v2.client.MilvusClientV2;
import io.milvus.v2.common.DataType;
import io.milvus.v2.service.collection.request.AddFieldReq;
import io.milvus.v2.service.collection.request.CreateCollectionReq;
import io.milvus.v2.service.vector.request.DeleteReq;
import io.milvus.v2.service.vector.request.InsertReq;
import io.milvus.v2.service.vector.request.UpsertReq;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * cdc-capture as a service against a real Milvus 2.3.5 whose log is on Kafka: the job's mutations
 * topic receives, in one partition per key and in source order, exactly the writes made after the
 * job started (upserts without their delete half), a collection's schema before its first
 * mutation in every partition, and heartbeats; a restarted capture continues where it stopped.
 */
@ExtendWith(MilvusStandaloneExtension.class)
class CdcCaptureIT {

  private static final Duration TIMEOUT = Duration.ofMinutes(2);
  private static final int PARTITIONS = 3;

  private MilvusStandaloneServer server;
  private MilvusClientV2 client;
  private TopicNames topics;
  private JobId job;
  private String pipelineBootstrap;
  private KafkaBroker pipelineCluster;
  private KafkaClients clients;
  private CdcCaptureService service;
  private final List<PipelineEvent> events = new ArrayList<>();
  private final Map<PipelineEvent, Integer> eventPartitions = new java.util.IdentityHashMap<>();
  private KafkaConsumer<String, PipelineEvent> mutations;

  @BeforeEach
  void setUp(MilvusStandaloneServer server) {
    this.server = server;
    client = new MilvusClientV2(ConnectConfig.builder().uri(server.uri()).build());
    topics = new TopicNames("cap-" + UUID.randomUUID().toString().substring(0, 8));
    job = new JobId("zdm-" + UUID.randomUUID().toString().substring(0, 8));
    pipelineBootstrap = server.kafkaBootstrapServers().orElseThrow();
    clients = new KafkaClients(pipelineBootstrap, Map.of());
  }

  @AfterEach
  void tearDown() {
    if (service != null) {
      service.close();
    }
    if (mutations != null) {
      mutations.close();
    }
    if (pipelineCluster != null) {
      pipelineCluster.close();
    }
    client.close();
  }

  @Test
  void publishesTheWritesMadeAfterTheStartInSourceOrderPerKeyWithSchemasAndHeartbeats() {
    // The pipeline runs on a Kafka cluster of its own; the source's log stays on the source's.
    pipelineCluster = KafkaBroker.startSeparate();
    pipelineBootstrap = pipelineCluster.bootstrapServers();
    clients = new KafkaClients(pipelineBootstrap, Map.of());
    String existing = collection();
    createCollection(existing);
    insert(existing, 100, "before the job");
    startCapture();
    submitJob();
    awaitCaptureStarted();

    insert(existing, 1, "one");
    insert(existing, 2, "two");
    insert(existing, 3, "three");
    client.upsert(UpsertReq.builder().collectionName(existing).data(List.of(row(2, "two-again"))).build());
    client.delete(DeleteReq.builder().collectionName(existing).ids(List.of(3L)).build());
    String created = collection();
    createCollection(created);
    insert(created, 7, "new collection");

    awaitEvent(event -> isMutation(event, created, 7, MutationOp.INSERT));
    for (long key = 1; key <= 3; key++) {
      long wanted = key;
      awaitEvent(event -> isMutation(event, existing, wanted, MutationOp.INSERT));
    }
    awaitEvent(event -> isMutation(event, existing, 3, MutationOp.DELETE));
    awaitEvent(event -> isMutation(event, existing, 2, MutationOp.INSERT)
        && CaptureTestRows.title((Mutation) event.getPayload()).equals("two-again"));
    List<PipelineEvent> all = List.copyOf(events);
    assertThat(summaries(all, existing)).containsExactly(
        "INSERT 1 one", "INSERT 2 two", "INSERT 3 three", "INSERT 2 two-again", "DELETE 3");
    assertThat(summaries(all, created)).containsExactly("INSERT 7 new collection");
    assertThat(schemaCount(all, existing)).isEqualTo(PARTITIONS);
    assertThat(schemaCount(all, created)).isEqualTo(PARTITIONS);
    long lastWrite = all.stream().filter(e -> e.getPayload() instanceof Mutation).mapToLong(e -> ((Mutation) e.getPayload())
        .getSourceTs()).max().orElseThrow();
    awaitEvent(event -> event.getPayload() instanceof Heartbeat heartbeat && heartbeat.getSourceTs() > lastWrite);
  }

  @Test
  void aRestartedCaptureContinuesFromItsCheckpointsWithoutLosingAWrite() {
    String name = collection();
    createCollection(name);
    startCapture();
    submitJob();
    awaitCaptureStarted();
    for (long key = 1; key <= 20; key++) {
      insert(name, key, "first run");
    }
    awaitEvent(event -> isMutation(event, name, 20, MutationOp.INSERT));
    service.close();

    for (long key = 21; key <= 40; key++) {
      insert(name, key, "while capture was down");
    }
    client.delete(DeleteReq.builder().collectionName(name).ids(List.of(5L)).build());
    startCapture();
    for (long key = 41; key <= 60; key++) {
      insert(name, key, "second run");
    }

    // Keys spread over partitions, which the test reads at different paces: wait for every one.
    for (long key = 1; key <= 60; key++) {
      long wanted = key;
      awaitEvent(event -> isMutation(event, name, wanted, MutationOp.INSERT));
    }
    awaitEvent(event -> isMutation(event, name, 5, MutationOp.DELETE));
    List<String> summaries = summaries(List.copyOf(events), name);
    assertThat(summaries).contains("DELETE 5");
    assertThat(summaries.indexOf("DELETE 5")).isGreaterThan(summaries.indexOf("INSERT 5 first run"));
    assertThat(server.version()).isEqualTo(MilvusStandaloneServer.VERSION);
  }

  @Test
  void stopSyncWritesTheFenceAfterEveryEarlierWriteInEveryPartitionAndCaptureStaysStopped() throws Exception {
    String name = collection();
    createCollection(name);
    startCapture();
    submitJob();
    awaitCaptureStarted();
    for (long key = 1; key <= 10; key++) {
      insert(name, key, "before the fence");
    }

    sendStopSync(true);

    for (int partition = 0; partition < PARTITIONS; partition++) {
      int wanted = partition;
      awaitEvent(event -> event.getPayload() instanceof Marker marker && marker.getKind() == MarkerKind.STOP_SYNC_FENCE
          && eventPartitions.get(event) == wanted);
    }
    await("capture of the job stopped").atMost(TIMEOUT).until(() -> !service.isCapturing(job.value()));
    List<PipelineEvent> all = List.copyOf(events);
    for (long key = 1; key <= 10; key++) {
      long wanted = key;
      assertThat(all.stream().anyMatch(e -> isMutation(e, name, wanted, MutationOp.INSERT)))
          .as("key %d published before the fence", key).isTrue();
    }
    long fence = all.stream().filter(e -> e.getPayload() instanceof Marker).mapToLong(e -> ((Marker) e.getPayload())
        .getTs()).min().orElseThrow();
    assertThat(all.stream().filter(e -> e.getPayload() instanceof Mutation).mapToLong(e -> ((Mutation) e.getPayload())
        .getSourceTs())).allMatch(ts -> ts <= fence);

    service.close();
    startCapture();
    insert(name, 99, "after the fence");
    await("the restarted capture found the fence and ended").atMost(TIMEOUT)
        .until(() -> service.finishedCaptures() >= 1);
    assertThat(service.isCapturing(job.value())).isFalse();
    try (KafkaConsumer<String, PipelineEvent> rest = clients.consumer(PipelineEvent.class, "t-" + UUID.randomUUID(),
        "test-rest")) {
      List<TopicPartition> partitions = rest.partitionsFor(topics.mutations(job)).stream()
          .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
      rest.assign(partitions);
      rest.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = rest.endOffsets(partitions);
      List<PipelineEvent> everything = new ArrayList<>();
      while (partitions.stream().anyMatch(p -> rest.position(p) < end.get(p))) {
        rest.poll(Duration.ofMillis(200)).forEach(record -> everything.add(record.value()));
      }
      assertThat(everything).noneMatch(e -> isMutation(e, name, 99, MutationOp.INSERT));
    }
  }

  private void startCapture() {
    service = new CdcCaptureService(CaptureConfig.of(Map.of(), Map.of(), Map.of(
        "kafka.bootstrap", pipelineBootstrap,
        "capture.wal.bootstrap", server.kafkaBootstrapServers().orElseThrow(),
        "kafka.topic-prefix", topics.prefix(),
        "kafka.mutation-partitions", Integer.toString(PARTITIONS),
        "source.uri", server.uri(),
        "capture.wal.prefix", server.clusterPrefix(),
        "capture.heartbeat.interval", "200ms",
        "capture.channel.refresh", "500ms"))).start();
  }

  private void sendStopSync(boolean confirmed) {
    ControlCommand command = ControlCommand.newBuilder().setCommandId(UUID.randomUUID().toString())
        .setJobId(job.value()).setType(CommandType.STOP_SYNC).setWritesStoppedConfirmed(confirmed)
        .setIssuedAt(System.currentTimeMillis()).build();
    try (KafkaProducer<String, ControlCommand> producer = clients.producer(ControlCommand.class, "test-control")) {
      producer.send(new ProducerRecord<>(topics.control(), job.value(), command));
    }
  }

  private void submitJob() {
    CaptureJobs.submit(clients, topics, job, server.uri());
  }

  private void awaitCaptureStarted() {
    CaptureJobs.awaitStarted(clients, topics, job);
  }

  private void awaitEvent(Predicate<PipelineEvent> wanted) {
    if (mutations == null) {
      mutations = clients.consumer(PipelineEvent.class, "test-" + UUID.randomUUID(), "test-mutations");
      List<TopicPartition> partitions = new ArrayList<>();
      for (int p = 0; p < PARTITIONS; p++) {
        partitions.add(new TopicPartition(topics.mutations(job), p));
      }
      mutations.assign(partitions);
      mutations.seekToBeginning(partitions);
    }
    await("an event on " + topics.mutations(job)).atMost(TIMEOUT).until(() -> {
      mutations.poll(Duration.ofMillis(200)).forEach(record -> {
        events.add(record.value());
        eventPartitions.put(record.value(), record.partition());
      });
      return events.stream().anyMatch(wanted);
    });
  }

  /** Mutations of one collection in publishing order; one key's mutations are in one partition, so in order. */
  private static List<String> summaries(List<PipelineEvent> all, String collection) {
    return all.stream().filter(e -> e.getPayload() instanceof Mutation m && m.getCollection().equals(collection))
        .map(e -> (Mutation) e.getPayload())
        .sorted(java.util.Comparator.comparingLong(Mutation::getSourceTs))
        .map(CdcCaptureIT::summary).toList();
  }

  private static String summary(Mutation mutation) {
    return mutation.getOp() == MutationOp.DELETE ? "DELETE " + CaptureTestRows.key(mutation)
        : mutation.getOp() + " " + CaptureTestRows.key(mutation) + " " + CaptureTestRows.title(mutation);
  }

  private static long schemaCount(List<PipelineEvent> all, String collection) {
    return all.stream().filter(e -> e.getPayload() instanceof CollectionSchema s && s.getCollection().equals(collection))
        .count();
  }

  private static boolean isMutation(PipelineEvent event, String collection, long key, MutationOp op) {
    return event.getPayload() instanceof Mutation m && m.getCollection().equals(collection) && m.getOp() == op
        && CaptureTestRows.key(m) == key;
  }

  private static String collection() {
    return "cap_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
  }

  private void createCollection(String name) {
    CreateCollectionReq.CollectionSchema schema = MilvusClientV2.CreateSchema();
    schema.addField(AddFieldReq.builder().fieldName("id").dataType(DataType.Int64).isPrimaryKey(true).autoID(false).build());
    schema.addField(AddFieldReq.builder().fieldName("title").dataType(DataType.VarChar).maxLength(64).build());
    schema.addField(AddFieldReq.builder().fieldName("embedding").dataType(DataType.FloatVector).dimension(4).build());
    client.createCollection(CreateCollectionReq.builder().collectionName(name).collectionSchema(schema).build());
  }

  private void insert(String collection, long id, String title) {
    client.insert(InsertReq.builder().collectionName(collection).data(List.of(row(id, title))).build());
  }

  private static JsonObject row(long id, String title) {
    JsonObject row = new JsonObject();
    row.addProperty("id", id);
    row.addProperty("title", title);
    JsonArray vector = new JsonArray();
    for (int d = 1; d <= 4; d++) {
      vector.add((float) (id * d));
    }
    row.add("embedding", vector);
    return row;
  }
}
