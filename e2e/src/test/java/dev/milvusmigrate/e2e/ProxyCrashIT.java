package dev.milvusmigrate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.milvusmigrate.kafka.KafkaClients;
import dev.milvusmigrate.schemas.avro.JobStage;
import dev.milvusmigrate.schemas.avro.JobState;
import dev.milvusmigrate.schemas.avro.JobStatus;
import dev.milvusmigrate.schemas.avro.NotificationKind;
import dev.milvusmigrate.schemas.avro.ProxyChange;
import dev.milvusmigrate.schemas.avro.ProxyChangeKind;
import dev.milvusmigrate.testkit.milvus.ExtraMilvusLite;
import dev.milvusmigrate.testkit.milvus.MilvusLiteServer;
import dev.milvusmigrate.testkit.python.PyMilvusWorkload;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The capture-proxy killed with SIGKILL (at least twice, until a kill caught a write in flight) while
 * three pymilvus writers write through it and ride out the outage, and started again: writes in
 * flight at the kill have an intent on the topic and no outcome; the next run records them as
 * UNKNOWN before it serves, capture reads their keys' current state from the source, and the job
 * still ends with the target equal to the source.
 */
@Timeout(value = 12, unit = TimeUnit.MINUTES)
class ProxyCrashIT {

  private static final String SOURCE_ID = "crashing";
  private static final int MOST_KILLS = 20;

  @TempDir
  Path lagState;

  @Test
  void writesInFlightWhenTheProxyIsKilledEndEqualOnTheTarget(@TempDir(cleanup = CleanupMode.ON_SUCCESS) Path work)
      throws Exception {
    MilvusLiteServer source = ExtraMilvusLite.get("proxied-source");
    MilvusLiteServer target = ExtraMilvusLite.get("proxied-target");
    String database = Names.unique("crashed");
    PyMilvusWorkload workload = new PyMilvusWorkload(database, "rich", List.of("p_north", "p_south"));
    try (ZeroDowntimeRun run = new ZeroDowntimeRun(database, source.uri(), null, target.uri(), lagState);
        ProxyProcess proxy = ProxyProcess.start(Map.of("kafka.bootstrap", run.kafka().get("kafka.bootstrap"),
            "kafka.topic-prefix", run.kafka().get("kafka.topic-prefix"), "source.uri", source.uri(),
            "proxy.source-id", SOURCE_ID), work)) {
      try {
        workload.create(proxy.uri(), 600, false);
      } catch (IllegalStateException e) {
        throw new AssertionError("pymilvus could not create the collection through the capture-proxy, which is "
            + proxy.describe(), e);
      }
      String topic = run.kafka().get("kafka.topic-prefix") + ".proxy." + SOURCE_ID + ".changes";
      try (PyMilvusWorkload.Writer writer = workload.startWriter(proxy.uri(), 100_000, 33,
          PyMilvusWorkload.Pace.BUSY, work.resolve("first"), true);
          PyMilvusWorkload.Writer second = workload.startWriter(proxy.uri(), 200_000, 34,
              PyMilvusWorkload.Pace.BUSY, work.resolve("second"), true);
          PyMilvusWorkload.Writer third = workload.startWriter(proxy.uri(), 300_000, 35,
              PyMilvusWorkload.Pace.BUSY, work.resolve("third"), true)) {
        writer.awaitOperations(5, Duration.ofMinutes(1));
        run.control().submit(null, SOURCE_ID);
        JobStatus syncing = run.control().awaitStatus("syncing", Duration.ofMinutes(3),
            s -> s.getStage() == JobStage.SYNCING || s.getState() != JobState.IN_PROGRESS);
        assertThat(syncing.getState()).as("%s %s", syncing.getReason(), syncing.getErrorDetails())
            .isEqualTo(JobState.IN_PROGRESS);
        int kills = 0;
        long unknown = 0;
        while ((unknown == 0 || kills < 2) && kills < MOST_KILLS) {
          writer.awaitOperations(writer.operations() + 15, Duration.ofMinutes(2));
          proxy.killAndRestart();
          kills++;
          unknown = count(run, topic, ProxyChangeKind.UNKNOWN);
        }
        assertThat(unknown).as("writes whose outcome a kill left unknown, after %d kills; the topic: %s", kills,
            kinds(run, topic)).isPositive();
        writer.awaitOperations(writer.operations() + 30, Duration.ofMinutes(2));
        String stats = writer.stop() + "; " + second.stop() + "; " + third.stop();
        run.control().awaitNotification("lag below 10 s", n -> n.getKind() == NotificationKind.LAG_BELOW_THRESHOLD);
        run.control().stopSync(true);
        JobStatus end = run.control().awaitStatus("ended after stop-sync", Duration.ofMinutes(4),
            s -> s.getState() != JobState.IN_PROGRESS);
        System.out.printf("capture-proxy killed %d times, %d unknown outcomes; pymilvus writer: %s; job %s%n", kills,
            unknown, stats, end.getState());
        assertThat(end.getState()).as("%s %s", end.getReason(), end.getErrorDetails()).isEqualTo(JobState.SUCCESSFUL);
      }
      PyMilvusWorkload.Comparison comparison = workload.compare(source.uri(), target.uri());
      assertThat(comparison.equal()).as(comparison.summary()).isTrue();
    } finally {
      MilvusData.dropEverywhere(database, source.uri(), target.uri());
    }
  }

  private static long count(ZeroDowntimeRun run, String topic, ProxyChangeKind kind) {
    return kinds(run, topic).getOrDefault(kind, 0L);
  }

  /** How many records of each kind the topic has, as capture reads it. */
  private static Map<ProxyChangeKind, Long> kinds(ZeroDowntimeRun run, String topic) {
    Map<ProxyChangeKind, Long> kinds = new EnumMap<>(ProxyChangeKind.class);
    new KafkaClients(run.kafka().get("kafka.bootstrap"), Map.of()).readUncommittedToEnd(ProxyChange.class, topic,
        "proxy-crash-test", change -> kinds.merge(change.getKind(), 1L, Long::sum));
    return kinds;
  }
}
