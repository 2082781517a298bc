package dev.milvusmigrate.bench;

import dev.milvusmigrate.cli.CliSettings;
import dev.milvusmigrate.cli.InProcessPipeline;
import dev.milvusmigrate.core.domain.CollectionName;
import dev.milvusmigrate.core.domain.JobId;
import dev.milvusmigrate.core.domain.MilvusEndpoint;
import dev.milvusmigrate.kafka.TopicReader;
import dev.milvusmigrate.milvus.MilvusConnector;
import dev.milvusmigrate.milvus.MilvusSession;
import dev.milvusmigrate.proxy.PassThroughServer;
import dev.milvusmigrate.proxy.ProxyConfig;
import dev.milvusmigrate.schemas.JobSpecs;
import dev.milvusmigrate.schemas.avro.IndexPolicy;
import dev.milvusmigrate.schemas.avro.JobSpec;
import dev.milvusmigrate.schemas.avro.JobStage;
import dev.milvusmigrate.schemas.avro.JobState;
import dev.milvusmigrate.schemas.avro.JobStatus;
import dev.milvusmigrate.schemas.avro.ProxyChange;
import dev.milvusmigrate.schemas.avro.ProxyChangeKind;
import dev.milvusmigrate.testkit.kafka.KafkaBroker;
import dev.milvusmigrate.testkit.milvus.MilvusStandaloneServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "cutover", mixinStandardHelpOptions = true,
    description = {"What a cutover through the capture-proxy costs the applications, in one run: a Milvus "
        + MilvusStandaloneServer.VERSION + " source behind the proxy, a zero-downtime job capturing through it into a"
        + " second " + MilvusStandaloneServer.VERSION + ", writers inserting at a fixed rate of write requests through"
        + " the proxy before, during and after `cutover`. Prints the writes' latency before the cutover and the"
        + " longest during it (each measured from when the write was due), the writes that failed, and the time"
        + " from CUTOVER to the switch.",
        "Exit code 0 when the data was right (the job SUCCESSFUL, the proxy switched, the target holding every"
        + " acknowledged row, the writes after the switch on the target only), whether or not the goals were met;"
        + " 1 otherwise."})
public final class CutoverBenchmark implements Callable<Integer> {

  static final long HELD_GOAL_MS = 2000;
  private static final String DATABASE = "cutover_bench";
  private static final String SOURCE_ID = "cutover-bench";
  private static final String TOPIC_PREFIX = "cutover-bench";
  private static final CollectionName ROWS = new CollectionName(DATABASE, SyntheticCollection.COLLECTION);
  private static final Duration OUTCOME_TIMEOUT = Duration.ofMinutes(2);

  @Option(names = "--rate", paramLabel = "WRITES", description = "Write requests a second through the proxy"
      + " (default ${DEFAULT-VALUE}: with --rows-per-write 100, 2,000 rows/s).")
  int rate = 20;

  @Option(names = "--rows-per-write", paramLabel = "ROWS", description = "Rows each write inserts (default"
      + " ${DEFAULT-VALUE}).")
  int rowsPerWrite = 100;

  @Option(names = "--writers", paramLabel = "N", description = "Writing threads sharing the rate (default"
      + " ${DEFAULT-VALUE}).")
  int writers = 16;

  @Option(names = "--dim", paramLabel = "D", description = "Vector dimension (default ${DEFAULT-VALUE}).")
  int dim = 128;

  @Option(names = "--seed-rows", paramLabel = "N", description = "Rows in the source before the job (default"
      + " ${DEFAULT-VALUE}).")
  long seedRows = 20_000;

  @Option(names = "--before", paramLabel = "S", description = "Seconds of writing while the job syncs, before the"
      + " cutover (default ${DEFAULT-VALUE}).")
  int before = 30;

  @Option(names = "--after", paramLabel = "S", description = "Seconds of writing after the switch (default"
      + " ${DEFAULT-VALUE}).")
  int after = 15;

  @Option(names = "--max-hold", paramLabel = "DURATION", description = "The proxy's cutover.max-hold (default"
      + " ${DEFAULT-VALUE}).")
  String maxHold = "10s";

  private final PrintStream out = System.out;

  @Override
  public Integer call() throws Exception {
    SyntheticCollection collection = new SyntheticCollection(dim);
    String bootstrap = KafkaBroker.shared().bootstrapServers();
    out.printf("Machine: %s%n", Machine.describe());
    ServerDirectories serverDirectories = new ServerDirectories();
    boolean completed = false;
    try (AutoCloseable kafka = KafkaBroker::stopShared;
        MilvusStandaloneServer sourceServer = serverDirectories.startStandalone("source", out);
        MilvusStandaloneServer targetServer = serverDirectories.startStandalone("target", out);
        PassThroughServer proxy = PassThroughServer.start(proxyConfig(bootstrap, sourceServer, targetServer),
            new SimpleMeterRegistry());
        MilvusSession throughProxy = MilvusConnector.connect(MilvusEndpoint.of("http://127.0.0.1:" + proxy.port()));
        MilvusSession source = MilvusConnector.connect(MilvusEndpoint.of(sourceServer.uri()));
        MilvusSession target = MilvusConnector.connect(MilvusEndpoint.of(targetServer.uri()))) {
      out.printf("Capture-proxy on 127.0.0.1:%d in front of %s, switching to %s at the cutover%n", proxy.port(),
          sourceServer.uri(), targetServer.uri());
      collection.createSource(throughProxy, DATABASE);
      collection.seed(throughProxy, DATABASE, seedRows, ZdmBenchmark.SEED_BATCH_BYTES);
      JobId job = new JobId("cutover-bench-" + System.currentTimeMillis());
      CliSettings settings = CliSettings.load(null, Map.of(), Map.of("kafka.bootstrap", bootstrap,
          "kafka.topic-prefix", TOPIC_PREFIX, "source.uri", sourceServer.uri(), "target.uri", targetServer.uri()));
      JobSpec spec = JobSpecs.zeroDowntime(job.value(), IndexPolicy.AUTOINDEX, sourceServer.uri(), targetServer.uri());
      spec.setCaptureProxy(SOURCE_ID);
      Run run;
      try (InProcessPipeline pipeline = InProcessPipeline.start(settings, job,
          Optional.of(new InProcessPipeline.ProxyTopic(SOURCE_ID)))) {
        pipeline.topics().submit(spec);
        SyncUnderLoad.awaitStage(pipeline, job.value(), JobStage.SYNCING);
        run = cutoverUnderLoad(collection, throughProxy, pipeline, job);
      }
      run.print(out, rate, rowsPerWrite);
      check(run, source, target);
      completed = true;
      return 0;
    } finally {
      serverDirectories.remove(completed, out);
    }
  }

  /**
   * What one cutover measured.
   *
   * @param cutoverSentAt when CUTOVER was sent (wall ms)
   * @param switchedAt when the proxy's SWITCHED record was written (wall ms)
   */
  record Run(List<PacedWrites.Write> writes, List<String> failures, long acknowledgedRows, long seedRows,
      long loadStartAt, long loadEndAt, long cutoverSentAt, Steps steps, JobStatus job) {

    long switchedAt() {
      return steps.switchedAt();
    }

    Percentiles latencyMicros(long fromMillis, long untilMillis) {
      return Percentiles.of(writes.stream().filter(w -> w.dueAtMillis() >= fromMillis && w.dueAtMillis() < untilMillis)
          .mapToLong(PacedWrites.Write::latencyMicros).toArray());
    }

    /** The writes due from CUTOVER until a second after the switch: those the hold can have delayed. */
    Percentiles duringCutover() {
      return latencyMicros(cutoverSentAt, switchedAt() + 1000);
    }

    Percentiles beforeCutover() {
      return latencyMicros(loadStartAt, cutoverSentAt);
    }

    Percentiles afterSwitch() {
      return latencyMicros(switchedAt() + 1000, loadEndAt);
    }

    long addedMillis() {
      return (duringCutover().max() - beforeCutover().percentile(50)) / 1000;
    }

    boolean goalMet() {
      return failures.isEmpty() && addedMillis() <= HELD_GOAL_MS;
    }

    void print(PrintStream out, int rate, int rowsPerWrite) {
      double seconds = (loadEndAt - loadStartAt) / 1000.0;
      out.printf("%nResults%n");
      out.printf("  writes: %,d acknowledged in %.1f s = %,.0f writes/s of %d row(s) (asked %,d writes/s);"
          + " failed: %d%s%n", writes.size(), seconds, writes.size() / seconds, rowsPerWrite, rate, failures.size(),
          failures.isEmpty() ? "" : " (first: " + failures.get(0) + ")");
      out.printf("  CUTOVER to the proxy's switch: %.2f s; job %s%n", (switchedAt() - cutoverSentAt) / 1000.0,
          job.getState());
      out.printf("    CUTOVER to the writes held %.2f s; held %.2f s: fence written and every partition drained"
          + " %.2f s, then verification %.2f s, then SUCCESSFUL on the status topic %.2f s, then the switch"
          + " recorded %.2f s%n", seconds(cutoverSentAt, steps.heldAt()), seconds(steps.heldAt(), switchedAt()),
          seconds(steps.heldAt(), steps.drainedAt()), seconds(steps.drainedAt(), steps.verifiedAt()),
          seconds(steps.verifiedAt(), steps.successfulAt()), seconds(steps.successfulAt(), switchedAt()));
      line(out, "latency before the cutover", beforeCutover());
      line(out, "latency from CUTOVER to 1 s after the switch", duringCutover());
      line(out, "latency after that", afterSwitch());
      out.printf("  longest added latency of a write during the cutover (p100 - p50 before): %,d ms"
          + " (goal <= %,d ms held and 0 failed: %s)%n", addedMillis(), HELD_GOAL_MS, goalMet() ? "met" : "MISSED");
    }

    private static double seconds(long fromMillis, long untilMillis) {
      return (untilMillis - fromMillis) / 1000.0;
    }

    private static void line(PrintStream out, String what, Percentiles micros) {
      out.printf("  %-46s %,7d writes: p50 %,.1f ms, p99 %,.1f ms, max %,.1f ms%n", what, micros.count(),
          micros.percentile(50) / 1000.0, micros.percentile(99) / 1000.0, micros.max() / 1000.0);
    }
  }

  private Run cutoverUnderLoad(SyntheticCollection collection, MilvusSession throughProxy,
      InProcessPipeline pipeline, JobId job) throws InterruptedException {
    out.printf("Job %s syncing; writing %,d writes/s of %d row(s) through the proxy for %d s, then cutover ...%n",
        job.value(), rate, rowsPerWrite, before);
    long loadStart = System.currentTimeMillis();
    long cutoverSent;
    long switchedAt;
    PacedWrites writes = new PacedWrites(collection, throughProxy, DATABASE, seedRows, rowsPerWrite, writers);
    try (PacedWrites running = writes.start(rate)) {
      Thread.sleep(Duration.ofSeconds(before).toMillis());
      cutoverSent = System.currentTimeMillis();
      pipeline.topics().cutover(job.value(), "cutover-benchmark");
      ConsumerRecord<String, ProxyChange> outcome = awaitOutcome(pipeline, job, ProxyChangeKind.SWITCHED,
          ProxyChangeKind.CUTOVER_ABANDONED);
      if (outcome.value().getKind() != ProxyChangeKind.SWITCHED) {
        throw new IllegalStateException("The cutover did not switch: " + outcome.value().getDetail()
            + " This run is not a result.");
      }
      switchedAt = outcome.timestamp();
      out.printf("Switched %.2f s after CUTOVER; writing %d s more ...%n", (switchedAt - cutoverSent) / 1000.0, after);
      Thread.sleep(Duration.ofSeconds(after).toMillis());
    }
    long loadEnd = System.currentTimeMillis();
    JobStatus status = pipeline.topics().statuses().get(job.value());
    long heldAt = awaitOutcome(pipeline, job, ProxyChangeKind.CUTOVER_STARTED).timestamp();
    SyncUnderLoad.FenceTimes fence = SyncUnderLoad.FenceTimes.of(pipeline, job.value(), heldAt);
    long successfulAt = TopicReader.readAll(pipeline.topics().bootstrap(), pipeline.topics().names().status(),
        JobStatus.class).stream().filter(r -> job.value().equals(r.key()) && r.value() != null
            && r.value().getState() == JobState.SUCCESSFUL).mapToLong(ConsumerRecord::timestamp).min()
        .orElse(fence.verifiedAt());
    Steps steps = new Steps(heldAt, fence.drainedAt(), fence.verifiedAt(), successfulAt, switchedAt);
    return new Run(writes.writes(), writes.failures(), writes.acknowledgedRows(), seedRows, loadStart, loadEnd,
        cutoverSent, steps, status);
  }

  /**
   * When the cutover got where (wall ms): the proxy recorded that it holds the writes, the last
   * partition drained the fence, the last verification report came, the job ended SUCCESSFUL, the
   * proxy recorded its switch.
   */
  record Steps(long heldAt, long drainedAt, long verifiedAt, long successfulAt, long switchedAt) {}

  /** The proxy's first record of one of {@code kinds} for the job, polled from its state topic. */
  private static ConsumerRecord<String, ProxyChange> awaitOutcome(InProcessPipeline pipeline, JobId job,
      ProxyChangeKind... kinds) throws InterruptedException {
    List<ProxyChangeKind> wanted = List.of(kinds);
    long deadline = System.nanoTime() + OUTCOME_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      Optional<ConsumerRecord<String, ProxyChange>> outcome = pipeline.topics().cutoverOutcomes(SOURCE_ID).stream()
          .filter(r -> r.value() != null && job.value().equals(r.value().getJobId()))
          .filter(r -> wanted.contains(r.value().getKind())).findFirst();
      if (outcome.isPresent()) {
        return outcome.get();
      }
      Thread.sleep(50);
    }
    throw new IllegalStateException("The proxy recorded no outcome of the cutover of " + job.value() + " within "
        + OUTCOME_TIMEOUT.toSeconds() + " s: this run is not a result.");
  }

  /**
   * The job ended SUCCESSFUL; the target holds every acknowledged row (and, when no write failed,
   * exactly those); the source misses the writes made after the switch.
   */
  private static void check(Run run, MilvusSession source, MilvusSession target) {
    if (run.job() == null || run.job().getState() != JobState.SUCCESSFUL) {
      throw new IllegalStateException("The job ended " + (run.job() == null ? "unknown" : run.job().getState())
          + ": this run is not a result.");
    }
    long expected = run.seedRows() + run.acknowledgedRows();
    long onTarget = target.catalog().countRows(ROWS);
    long onSource = source.catalog().countRows(ROWS);
    boolean targetRight = run.failures().isEmpty() ? onTarget == expected : onTarget >= expected;
    if (!targetRight || onSource >= onTarget) {
      throw new IllegalStateException("The target holds " + onTarget + " rows and the source " + onSource + ", for "
          + expected + " acknowledged (" + run.failures().size() + " writes failed): this run is not a result.");
    }
    System.out.printf("  checked: the target holds all %,d acknowledged rows; the source %,d (the %,d written after"
        + " the switch are on the target only)%n", onTarget, onSource, onTarget - onSource);
  }


  private ProxyConfig proxyConfig(String bootstrap, MilvusStandaloneServer source, MilvusStandaloneServer target) {
    return ProxyConfig.of(Map.of(), Map.of(), Map.of("kafka.bootstrap", bootstrap, "kafka.topic-prefix", TOPIC_PREFIX,
        "source.uri", source.uri(), "target.uri", target.uri(), "cutover.max-hold", maxHold,
        "proxy.listen", "127.0.0.1:0", "proxy.source-id", SOURCE_ID));
  }
}
