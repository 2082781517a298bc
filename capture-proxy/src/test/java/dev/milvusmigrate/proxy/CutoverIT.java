package dev.milvusmigrate.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.milvusmigrate.core.domain.MilvusEndpoint;
import dev.milvusmigrate.core.domain.TopicNames;
import dev.milvusmigrate.kafka.JobTopics;
import dev.milvusmigrate.kafka.KafkaClients;
import dev.milvusmigrate.kafka.TopicReader;
import dev.milvusmigrate.schemas.JobSpecs;
import dev.milvusmigrate.schemas.avro.CommandType;
import dev.milvusmigrate.schemas.avro.ControlCommand;
import dev.milvusmigrate.schemas.avro.IndexPolicy;
import dev.milvusmigrate.schemas.avro.JobMode;
import dev.milvusmigrate.schemas.avro.JobSpec;
import dev.milvusmigrate.schemas.avro.JobStage;
import dev.milvusmigrate.schemas.avro.JobState;
import dev.milvusmigrate.schemas.avro.JobStatus;
import dev.milvusmigrate.schemas.avro.ProxyChange;
import dev.milvusmigrate.schemas.avro.ProxyChangeKind;
import dev.milvusmigrate.testkit.kafka.KafkaBroker;
import dev.milvusmigrate.testkit.kafka.KafkaBrokerExtension;
import dev.milvusmigrate.testkit.milvus.ExtraMilvusLite;
import dev.milvusmigrate.testkit.milvus.MilvusLiteExtension;
import dev.milvusmigrate.testkit.milvus.MilvusLiteServer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The proxy's side of a cutover against real Kafka and Milvus Lite servers, with the job's status
 * published as the lag-monitor publishes it (the pipeline itself is in e2e {@code ProxyCutoverIT}):
 * a job that does not end SUCCESSFUL within cutover.max-hold leaves the proxy on the source for
 * good, a job that had already ended is not cut over, and a standby that takes over after a switch
 * serves the target.
 */
@ExtendWith({MilvusLiteExtension.class, KafkaBrokerExtension.class})
class CutoverIT {

  private final String name = "cutover_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
  private final String job = name + "_job";
  private final TopicNames topics = new TopicNames(name);
  private KafkaClients clients;
  private JobTopics jobTopics;

  @BeforeEach
  void clients(KafkaBroker kafka) {
    clients = new KafkaClients(kafka.bootstrapServers(), Map.of());
    jobTopics = new JobTopics(clients, topics, "cutover-it");
  }

  /**
   * No SUCCESSFUL within cutover.max-hold: the write that arrived during the hold goes to the
   * source after the abandonment is recorded, the job is canceled with the reason, and a SUCCESSFUL
   * published afterwards switches nothing: the proxy keeps serving and recording the source.
   */
  @Test
  void aJobNotSuccessfulWithinTheHoldLeavesTheProxyOnTheSourceForGood(MilvusLiteServer source, KafkaBroker kafka)
      throws Exception {
    MilvusLiteServer target = ExtraMilvusLite.get("cutover-target");
    ProxyConfig config = config(source, target, kafka, Map.of("cutover.max-hold", "6s"));
    try (PassThroughServer proxy = PassThroughServer.startRecording(config, write -> { }, () -> { })) {
      String uri = ProxyScripts.uri(proxy);
      ProxyScripts.run("writes.py", uri, name, "sequence");
      syncingJob();

      jobTopics.cutover(job, "cutover-it");
      awaitCommand(CommandType.STOP_SYNC);
      CompletableFuture<List<String>> held = CompletableFuture.supplyAsync(() ->
          ProxyScripts.run("writes.py", uri, name, "insert", "2000"));
      await("the insert held").atMost(Duration.ofMinutes(1)).until(() -> proxy.heldCalls() == 1);

      assertThat(held.get(1, TimeUnit.MINUTES)).containsExactly("{\"kind\": \"INSERT\", \"keys\": [2000]}");
      ProxyChange abandoned = outcome();
      assertThat(abandoned.getKind()).isEqualTo(ProxyChangeKind.CUTOVER_ABANDONED);
      assertThat(abandoned.getDetail()).isEqualTo("The cutover of job " + job + " was given up because the job did"
          + " not end SUCCESSFUL within cutover.max-hold (6000 ms); the held writes went to the source, which the"
          + " proxy keeps serving.");
      ControlCommand cancel = awaitCommand(CommandType.CANCEL);
      assertThat(cancel.getRequestedBy()).isEqualTo("the capture-proxy for source 'lite', because the job did not"
          + " end SUCCESSFUL within cutover.max-hold (6000 ms); the held writes went to the source, which it keeps"
          + " serving, so the target misses them");

      status(JobState.SUCCESSFUL);
      assertThat(ProxyScripts.run("writes.py", uri, name, "insert", "2001"))
          .containsExactly("{\"kind\": \"INSERT\", \"keys\": [2001]}");
    }
    assertThat(ProxyScripts.run("writes.py", source.uri(), name, "count", "id in [2000, 2001]")).containsExactly("2");
    List<ProxyChange> records = ProxyScripts.recorded(kafka, config.changesTopic());
    int abandonedAt = indexOf(records, r -> r.getKind() == ProxyChangeKind.CUTOVER_ABANDONED);
    int heldAt = indexOf(records, r -> r.getKind() == ProxyChangeKind.INTENT && r.getRowCount() == 1
        && r.getCollection().equals(name));
    assertThat(heldAt).as("the held write was forwarded after the abandonment was recorded").isGreaterThan(abandonedAt);
    assertThat(records).noneMatch(r -> r.getKind() == ProxyChangeKind.SWITCHED);
  }

  /**
   * A job that a plain stop-sync already ended is not cut over: the writes since its fence went to
   * the source only, so the target misses them. Nothing is held, no STOP_SYNC is sent, and the
   * proxy keeps serving the source.
   */
  @Test
  void aCutoverOfAJobThatAlreadyEndedIsGivenUpWithoutHoldingTheWrites(MilvusLiteServer source, KafkaBroker kafka)
      throws Exception {
    MilvusLiteServer target = ExtraMilvusLite.get("cutover-target");
    ProxyConfig config = config(source, target, kafka, Map.of("cutover.max-hold", "30s"));
    try (PassThroughServer proxy = PassThroughServer.startRecording(config, write -> { }, () -> { })) {
      String uri = ProxyScripts.uri(proxy);
      ProxyScripts.run("writes.py", uri, name, "sequence");
      syncingJob();
      status(JobState.SUCCESSFUL);

      jobTopics.cutover(job, "cutover-it");

      ProxyChange abandoned = outcome();
      assertThat(abandoned.getKind()).isEqualTo(ProxyChangeKind.CUTOVER_ABANDONED);
      assertThat(abandoned.getDetail()).isEqualTo("The cutover of job " + job + " was given up because job " + job
          + " had already ended SUCCESSFUL, so the writes since its fence are not on the target.");
      assertThat(ProxyScripts.run("writes.py", uri, name, "insert", "4000"))
          .containsExactly("{\"kind\": \"INSERT\", \"keys\": [4000]}");
    }
    assertThat(ProxyScripts.run("writes.py", source.uri(), name, "count", "id in [4000]")).containsExactly("1");
    assertThat(TopicReader.readAll(clients, topics.control(), ControlCommand.class))
        .noneMatch(r -> r.value().getType() == CommandType.STOP_SYNC);
    assertThat(ProxyScripts.recorded(kafka, config.changesTopic()))
        .noneMatch(r -> r.getKind() == ProxyChangeKind.CUTOVER_STARTED || r.getKind() == ProxyChangeKind.SWITCHED);
  }

  /**
   * After the serving instance switched to the target, a standby that takes over reads the state
   * and serves the target too: writes through either land on the target only.
   */
  @Test
  void aStandbyTakingOverAfterTheSwitchServesTheTarget(MilvusLiteServer source, KafkaBroker kafka) throws Exception {
    MilvusLiteServer target = ExtraMilvusLite.get("cutover-target");
    ProxyConfig config = config(source, target, kafka, Map.of("cutover.max-hold", "30s"));
    ProxyConfig standbyConfig = config(source, target, kafka, Map.of("proxy.standby", "true",
        "proxy.takeover-after", "2s"));
    ProxyScripts.run("writes.py", target.uri(), name, "sequence");
    PassThroughServer serving = PassThroughServer.startRecording(config, write -> { }, () -> { });
    CompletableFuture<PassThroughServer> standby = CompletableFuture.supplyAsync(() ->
        PassThroughServer.startRecording(standbyConfig, write -> { }, () -> { }));
    try {
      String uri = ProxyScripts.uri(serving);
      ProxyScripts.run("writes.py", uri, name, "sequence");
      syncingJob();

      jobTopics.cutover(job, "cutover-it");
      awaitCommand(CommandType.STOP_SYNC);
      CompletableFuture<List<String>> held = CompletableFuture.supplyAsync(() ->
          ProxyScripts.run("writes.py", uri, name, "insert", "2999"));
      await("the insert held").atMost(Duration.ofMinutes(1)).until(() -> serving.heldCalls() == 1);
      status(JobState.SUCCESSFUL);

      assertThat(held.get(1, TimeUnit.MINUTES)).containsExactly("{\"kind\": \"INSERT\", \"keys\": [2999]}");
      ProxyChange switched = outcome();
      assertThat(switched.getKind()).isEqualTo(ProxyChangeKind.SWITCHED);
      assertThat(switched.getDetail()).isEqualTo(MilvusEndpoint.of(target.uri()).label());
      assertThat(ProxyScripts.run("writes.py", uri, name, "insert", "3000"))
          .containsExactly("{\"kind\": \"INSERT\", \"keys\": [3000]}");
      assertThat(standby).as("the standby waits while the switched instance ticks").isNotDone();

      serving.close();
      try (PassThroughServer tookOver = standby.get(1, TimeUnit.MINUTES)) {
        assertThat(ProxyScripts.run("writes.py", ProxyScripts.uri(tookOver), name, "insert", "3001"))
            .containsExactly("{\"kind\": \"INSERT\", \"keys\": [3001]}");
      }
    } finally {
      serving.close();
      standby.cancel(true);
    }
    assertThat(ProxyScripts.run("writes.py", target.uri(), name, "count", "id in [2999, 3000, 3001]"))
        .containsExactly("3");
    assertThat(ProxyScripts.run("writes.py", source.uri(), name, "count", "id in [2999, 3000, 3001]"))
        .containsExactly("0");
    assertThat(ProxyScripts.recordedWrites(kafka, config.changesTopic()))
        .noneMatch(r -> r.getRowCount() == 1 && r.getKind() == ProxyChangeKind.INSERT);
  }

  private void syncingJob() {
    JobSpec spec = JobSpecs.zeroDowntime(job, IndexPolicy.AUTOINDEX, "http://source:19530", "http://target:19530");
    spec.setCaptureProxy("lite");
    send(JobSpec.class, topics.jobs(), spec);
    status(JobState.IN_PROGRESS);
  }

  /** The job's status as the lag-monitor publishes it. */
  private void status(JobState state) {
    send(JobStatus.class, topics.status(), JobStatus.newBuilder().setJobId(job).setMode(JobMode.ZERO_DOWNTIME)
        .setState(state).setStage(state == JobState.SUCCESSFUL ? JobStage.DONE : JobStage.SYNCING)
        .setRowsCopied(0).setRowsTotal(0).setPercent(100.0).setStartedAt(0L).setUpdatedAt(0L)
        .setCollections(List.of()).build());
  }

  private ControlCommand awaitCommand(CommandType type) {
    return await(type + " on the control topic").atMost(Duration.ofMinutes(1))
        .until(() -> TopicReader.readAll(clients, topics.control(), ControlCommand.class).stream()
            .map(r -> r.value()).filter(c -> c.getJobId().equals(job) && c.getType() == type).findFirst()
            .orElse(null), c -> c != null);
  }

  private ProxyChange outcome() {
    return await("the proxy's outcome").atMost(Duration.ofMinutes(1))
        .until(() -> jobTopics.cutoverOutcomes("lite").stream().map(r -> r.value())
            .filter(c -> job.equals(c.getJobId()) && c.getKind() != ProxyChangeKind.CUTOVER_STARTED).findFirst()
            .orElse(null), c -> c != null);
  }

  private static int indexOf(List<ProxyChange> records, java.util.function.Predicate<ProxyChange> wanted) {
    for (int i = 0; i < records.size(); i++) {
      if (wanted.test(records.get(i))) {
        return i;
      }
    }
    throw new AssertionError("no such record in " + records);
  }

  private <V extends SpecificRecordBase> void send(Class<V> type, String topic, V value) {
    try (KafkaProducer<String, V> producer = clients.producer(type, "cutover-it")) {
      producer.send(new ProducerRecord<>(topic, job, value));
    }
  }

  private ProxyConfig config(MilvusLiteServer source, MilvusLiteServer target, KafkaBroker kafka,
      Map<String, String> extra) {
    Map<String, String> settings = new HashMap<>(Map.of("source.uri", source.uri(), "target.uri", target.uri(),
        "kafka.bootstrap", kafka.bootstrapServers(), "kafka.topic-prefix", name, "proxy.source-id", "lite"));
    settings.putAll(extra);
    return ProxyScripts.config(settings);
  }
}
