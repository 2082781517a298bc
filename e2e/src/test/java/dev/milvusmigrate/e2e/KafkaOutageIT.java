package dev.milvusmigrate.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.milvusmigrate.schemas.avro.JobStage;
import dev.milvusmigrate.schemas.avro.JobState;
import dev.milvusmigrate.schemas.avro.JobStatus;
import dev.milvusmigrate.testkit.kafka.KafkaBroker;
import dev.milvusmigrate.testkit.milvus.MilvusStandaloneExtension;
import dev.milvusmigrate.testkit.milvus.MilvusStandaloneServer;
import dev.milvusmigrate.testkit.milvus.PythonMilvusEnvironment;
import dev.milvusmigrate.testkit.milvus.StandaloneOptions;
import dev.milvusmigrate.testkit.process.FreePorts;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipeline's Kafka broker is killed ({@code kill -9}) while a zero-downtime job syncs, and stays
 * away until cdc-capture and the sink-writer each had a Kafka call time out (their clients run with
 * timeouts of seconds, so the test stays short): capture in a transaction's commit, the sink in the
 * offset commit of a poll it was holding (the target was made unreachable for a moment before the
 * kill, so that the sink was inside an apply). The broker comes back on the same data; both services
 * start again with new Kafka clients from their last commit, without a restart of their process,
 * and the job, after more live writes and stop-sync, ends SUCCESSFUL with the target equal to the
 * source entity by entity (Milvus 2.3.5 on both sides, so a duplicate could not hide).
 */
@Timeout(value = 12, unit = TimeUnit.MINUTES)
@ExtendWith(MilvusStandaloneExtension.class)
class KafkaOutageIT {

  /** Kafka clients' timeouts of seconds: an outage of tens of seconds outlasts every one of them. */
  private static final String SHORT_TIMEOUTS = String.join("\n", "request.timeout.ms=5000",
      "default.api.timeout.ms=10000", "max.block.ms=10000", "delivery.timeout.ms=15000",
      "transaction.timeout.ms=20000", "session.timeout.ms=10000", "heartbeat.interval.ms=2000", "");

  @TempDir
  Path dir;

  @Test
  void captureAndSinkResumeByThemselvesAfterThePipelinesKafkaWasAwayLongerThanTheirTimeouts(
      MilvusStandaloneServer target) throws Exception {
    String database = Names.unique("outage");
    InetSocketAddress targetAddress = address(target.uri());
    InetSocketAddress relayAddress = new InetSocketAddress("127.0.0.1", FreePorts.allocate(1)[0]);
    String relayedTarget = "http://127.0.0.1:" + relayAddress.getPort();
    Path timeouts = Files.writeString(dir.resolve("short-timeouts.properties"), SHORT_TIMEOUTS);
    Map<String, String> shortTimeouts = Map.of("kafka.client-properties", timeouts.toString());
    try (MilvusStandaloneServer source = MilvusStandaloneServer.start(PythonMilvusEnvironment.shared(),
        StandaloneOptions.onKafka(KafkaBroker.shared().bootstrapServers()).withClusterPrefix(database));
        KafkaBrokerProcess pipeline = KafkaBrokerProcess.start(dir.resolve("pipeline-kafka"))) {
      try (MilvusData data = new MilvusData(source.uri()).database(database)) {
        data.create("items", LiveWriter.itemSchema());
        data.insert("items", MilvusData.rows(300, i -> LiveWriter.item((long) i + 1, 0)));
        data.load("items");
      }
      TcpRelay relay = TcpRelay.start(relayAddress, targetAddress);
      try (ZeroDowntimeRun run = new ZeroDowntimeRun(database, source.uri(), source.clusterPrefix(), relayedTarget,
          dir.resolve("lag"), shortTimeouts, new ZeroDowntimeRun.PipelineKafka(
              Map.of("kafka.bootstrap", pipeline.bootstrapServers()), pipeline.bootstrapServers(), shortTimeouts));
          MilvusData writes = new MilvusData(source.uri()).use(database);
          LiveWriter items = new LiveWriter(writes.client(), "items", 10_000, 22, LiveWriter::item)) {
        items.start();
        run.control().submit(null);
        JobStatus syncing = run.control().awaitStatus("syncing", Duration.ofMinutes(3),
            s -> s.getStage() == JobStage.SYNCING || s.getState() != JobState.IN_PROGRESS);
        assertThat(syncing.getState()).as("%s %s", syncing.getReason(), syncing.getErrorDetails())
            .isEqualTo(JobState.IN_PROGRESS);
        await("the sink applying mutations").atMost(Duration.ofMinutes(2))
            .until(() -> run.sinkMutationRowsApplied() > 0);
        awaitOperations(items, items.operations() + 50);

        // The sink holds a poll it cannot apply yet (a target retry after it applied mutations is
        // one of an apply): its offset commit comes after the kill.
        double targetRetries = run.sinkCounter("milvus.migrate.sink.target.retries");
        relay.close();
        await("the sink retrying a write to the unreachable target").atMost(Duration.ofMinutes(1))
            .until(() -> run.sinkCounter("milvus.migrate.sink.target.retries") > targetRetries);
        pipeline.kill();
        relay = TcpRelay.start(relayAddress, targetAddress);
        await("capture and sink each starting again after a Kafka timeout").atMost(Duration.ofMinutes(2))
            .until(() -> run.captureCounter("milvus.migrate.capture.restarts", "cause", "kafka") >= 1
                && run.sinkCounter("milvus.migrate.sink.kafka.restarts") >= 1);
        pipeline.relaunch();

        awaitOperations(items, items.operations() + 100);
        items.close();
        run.control().stopSync(true);
        JobStatus end = run.control().awaitStatus("ended after stop-sync", Duration.ofMinutes(4),
            s -> s.getState() != JobState.IN_PROGRESS);
        assertThat(end.getState()).as("%s %s", end.getReason(), end.getErrorDetails()).isEqualTo(JobState.SUCCESSFUL);
        System.out.printf("Kafka outage: capture restarts %.0f, sink restarts %.0f, writes %d; job %s%n",
            run.captureCounter("milvus.migrate.capture.restarts", "cause", "kafka"),
            run.sinkCounter("milvus.migrate.sink.kafka.restarts"), items.operations(), end.getState());
      } finally {
        relay.close();
      }
      try (MilvusData from = new MilvusData(source.uri()).use(database);
          MilvusData to = new MilvusData(target.uri()).use(database)) {
        to.load("items");
        new MigratedCollection(from, to, "items").hasSameSchema().hasSameEntities(from.count("items"));
      } finally {
        try (MilvusData onTarget = new MilvusData(target.uri())) {
          onTarget.dropDatabase(database);
        }
      }
    }
  }

  private static InetSocketAddress address(String uri) {
    URI parsed = URI.create(uri);
    return new InetSocketAddress(parsed.getHost(), parsed.getPort());
  }

  private static void awaitOperations(LiveWriter writer, int operations) {
    await("writer past " + operations + " operations").atMost(Duration.ofMinutes(2))
        .until(writer::operations, done -> done >= operations);
  }
}
