package dev.milvusmigrate.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.milvusmigrate.kafka.KafkaClients;
import dev.milvusmigrate.proxy.PassThroughServer;
import dev.milvusmigrate.proxy.ProxyConfig;
import dev.milvusmigrate.schemas.avro.JobStage;
import dev.milvusmigrate.schemas.avro.JobState;
import dev.milvusmigrate.schemas.avro.JobStatus;
import dev.milvusmigrate.schemas.avro.Mutation;
import dev.milvusmigrate.schemas.avro.MutationOp;
import dev.milvusmigrate.schemas.avro.PipelineEvent;
import dev.milvusmigrate.schemas.avro.ProxyChange;
import dev.milvusmigrate.schemas.avro.ProxyChangeKind;
import dev.milvusmigrate.testkit.milvus.ExtraMilvusLite;
import dev.milvusmigrate.testkit.milvus.MilvusLiteServer;
import dev.milvusmigrate.testkit.python.PyMilvusWorkload;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A write through the capture-proxy whose outcome the proxy cannot tell is recorded {@code UNKNOWN},
 * and capture settles its keys by reading the source. The source may still change those keys later
 * with nothing recorded: a request it held while its log was down, applied after capture's read
 * (docs/RELIABILITY.md, finding 2). Capture reads them again at the stop-sync fence.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class ProxyUnknownOutcomeIT {

  private static final String SOURCE_ID = "unknowing";
  private static final long KEPT = 9_000_001L;
  private static final long REMOVED_LATER = 9_000_002L;

  @TempDir
  Path lagState;

  /**
   * pymilvus inserts two keys through the proxy into a partition the Milvus Lite source does not
   * have; the source refuses it, and the proxy records an error answer as {@code UNKNOWN}. Once
   * capture has settled the keys, capture and sink are replaced (what to read again comes from the
   * checkpoints), and one key is deleted on the source directly, unrecorded. The job ends SUCCESSFUL
   * and pymilvus finds the target equal to the source.
   */
  @Test
  void keysOfAnUnknownOutcomeGetTheSourcesStateAtTheFenceAfterAnUnrecordedLaterChange() throws Exception {
    MilvusLiteServer source = ExtraMilvusLite.get("proxied-source");
    MilvusLiteServer target = ExtraMilvusLite.get("proxied-target");
    String database = Names.unique("unknowing");
    PyMilvusWorkload workload = new PyMilvusWorkload(database, "rich", List.of("p_north"));
    try (ZeroDowntimeRun run = new ZeroDowntimeRun(database, source.uri(), null, target.uri(), lagState);
        PassThroughServer proxy = PassThroughServer.start(proxyConfig(run, source.uri()), new SimpleMeterRegistry())) {
      String throughProxy = "http://127.0.0.1:" + proxy.port();
      workload.create(throughProxy, 200, false);
      run.control().submit(null, SOURCE_ID);
      JobStatus syncing = run.control().awaitStatus("syncing", Duration.ofMinutes(3),
          s -> s.getStage() == JobStage.SYNCING || s.getState() != JobState.IN_PROGRESS);
      assertThat(syncing.getState()).as("%s %s", syncing.getReason(), syncing.getErrorDetails())
          .isEqualTo(JobState.IN_PROGRESS);

      workload.put(throughProxy, "p_north", 1, KEPT, REMOVED_LATER);
      assertThat(workload.tryPut(throughProxy, "no_such_partition", 2, KEPT, REMOVED_LATER)).contains("\"error\"");
      ProxyChange unknown = await("the refused insert recorded as UNKNOWN").atMost(Duration.ofMinutes(1))
          .until(() -> unknownOutcomes(run), found -> !found.isEmpty()).get(0);
      await("capture settled the UNKNOWN by reading its keys from the source").atMost(Duration.ofMinutes(2))
          .until(() -> rewrittenAt(run, unknown.getTs()), rewritten -> rewritten >= 2);
      run.stopCaptureAndSink();
      run.startCaptureAndSink();
      workload.remove(source.uri(), REMOVED_LATER);

      run.control().stopSync(true);
      JobStatus end = run.control().awaitStatus("ended after stop-sync", Duration.ofMinutes(4),
          s -> s.getState() != JobState.IN_PROGRESS);
      assertThat(end.getState()).as("%s %s", end.getReason(), end.getErrorDetails()).isEqualTo(JobState.SUCCESSFUL);
      PyMilvusWorkload.Comparison comparison = workload.compare(source.uri(), target.uri());
      assertThat(comparison.equal()).as(comparison.summary()).isTrue();
    } finally {
      MilvusData.dropEverywhere(database, source.uri(), target.uri());
    }
  }

  private static List<ProxyChange> unknownOutcomes(ZeroDowntimeRun run) {
    String topic = run.kafka().get("kafka.topic-prefix") + ".proxy." + SOURCE_ID + ".changes";
    List<ProxyChange> found = new ArrayList<>();
    clients(run).readUncommittedToEnd(ProxyChange.class, topic, "unknown-outcome-test", change -> {
      if (change.getKind() == ProxyChangeKind.UNKNOWN) {
        found.add(change);
      }
    });
    return found;
  }

  /** Rows capture published for the UNKNOWN stamped {@code ts}: written back as the source held them. */
  private static long rewrittenAt(ZeroDowntimeRun run, long ts) {
    long[] rows = {0};
    clients(run).readToEnd(PipelineEvent.class, run.control().topics().mutations(run.control().job()),
        "unknown-outcome-mutations", () -> false, event -> {
          if (event.getPayload() instanceof Mutation mutation && mutation.getOp() == MutationOp.INSERT
              && mutation.getSourceTs() == ts) {
            rows[0]++;
          }
        });
    return rows[0];
  }

  private static KafkaClients clients(ZeroDowntimeRun run) {
    return new KafkaClients(run.kafka().get("kafka.bootstrap"), Map.of());
  }

  private static ProxyConfig proxyConfig(ZeroDowntimeRun run, String source) {
    return ProxyConfig.of(Map.of(), Map.of(), Map.of("kafka.bootstrap", run.kafka().get("kafka.bootstrap"),
        "kafka.topic-prefix", run.kafka().get("kafka.topic-prefix"), "source.uri", source,
        "proxy.listen", "127.0.0.1:0", "proxy.source-id", SOURCE_ID));
  }
}
