package dev.milvusmigrate.bench;

import dev.milvusmigrate.cli.CliSettings;
import dev.milvusmigrate.cli.InProcessPipeline;
import dev.milvusmigrate.cli.StatusFollower;
import dev.milvusmigrate.core.domain.JobId;
import dev.milvusmigrate.core.domain.MilvusEndpoint;
import dev.milvusmigrate.kafka.TopicReader;
import dev.milvusmigrate.milvus.MilvusConnector;
import dev.milvusmigrate.milvus.MilvusSession;
import dev.milvusmigrate.schemas.avro.IndexPolicy;
import dev.milvusmigrate.schemas.avro.JobMode;
import dev.milvusmigrate.schemas.avro.JobSpec;
import dev.milvusmigrate.schemas.avro.JobStage;
import dev.milvusmigrate.schemas.avro.JobState;
import dev.milvusmigrate.schemas.avro.JobStatus;
import dev.milvusmigrate.schemas.avro.ProgressEvent;
import dev.milvusmigrate.schemas.avro.SinkProgress;
import dev.milvusmigrate.schemas.avro.VerificationReport;
import dev.milvusmigrate.schemas.serde.AvroTrust;
import dev.milvusmigrate.testkit.kafka.KafkaBroker;
import dev.milvusmigrate.testkit.milvus.MilvusStandaloneServer;
import dev.milvusmigrate.testkit.milvus.PythonMilvusEnvironment;
import dev.milvusmigrate.testkit.milvus.StandaloneOptions;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

@Command(name = "zdm-benchmark", mixinStandardHelpOptions = true,
    description = {"Zero-downtime migration under a sustained insert load between two Milvus "
        + MilvusStandaloneServer.VERSION + " servers it starts (the source's log on an in-JVM Kafka broker): prints"
        + " Lag Behind Source percentiles from source timestamps, capture and apply throughput, then the time from"
        + " STOP_SYNC to the job SUCCESSFUL after the writer stopped.",
        "Exit code 0 when the job ended SUCCESSFUL (whether or not the goals were met), 1 otherwise."})
public final class ZdmBenchmarkMain implements Callable<Integer> {

  static final String DATABASE = "zdm_bench";
  static final long LAG_GOAL_MS = 1000;
  static final double STOP_SYNC_GOAL_S = 2.0;
  /** Below the test broker's 1 MB message limit: the source logs each insert as one Kafka record. */
  static final int SEED_BATCH_BYTES = 512 * 1024;

  @Option(names = "--rate", paramLabel = "ROWS", description = "Rows inserted per second (default ${DEFAULT-VALUE}).")
  int rate = 2000;

  @Option(names = "--dim", paramLabel = "D", description = "Vector dimension (default ${DEFAULT-VALUE}).")
  int dim = 128;

  @Option(names = "--seconds", paramLabel = "S", description = "Duration of the measured load (default ${DEFAULT-VALUE}).")
  int seconds = 180;

  @Option(names = "--batch", paramLabel = "ROWS", description = "Rows per insert request (default ${DEFAULT-VALUE}).")
  int batch = 100;

  @Option(names = "--seed-rows", paramLabel = "N", description = "Rows in the source before the job (default ${DEFAULT-VALUE}).")
  long seedRows = 20_000;

  private final PrintStream out = System.out;
  private long stopSyncSentAt;

  public static void main(String[] args) {
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", "logback-benchmark.xml");
    }
    AvroTrust.install();
    System.exit(new CommandLine(new ZdmBenchmarkMain()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    SyntheticCollection collection = new SyntheticCollection(dim);
    String bootstrap = KafkaBroker.shared().bootstrapServers();
    out.printf("Machine: %s%n", Machine.describe());
    ServerDirectories serverDirectories = new ServerDirectories();
    boolean completed = false;
    try (AutoCloseable kafka = KafkaBroker::stopShared;
        MilvusStandaloneServer sourceServer = serverDirectories.track(MilvusStandaloneServer.start(
            PythonMilvusEnvironment.shared(), StandaloneOptions.onKafka(bootstrap).withClusterPrefix("zdm-bench")));
        MilvusStandaloneServer targetServer = serverDirectories.track(MilvusStandaloneServer.start(
            PythonMilvusEnvironment.shared(), StandaloneOptions.onRocksMq()));
        MilvusSession source = MilvusConnector.connect(MilvusEndpoint.of(sourceServer.uri()))) {
      collection.createSource(source, DATABASE);
      collection.seed(source, DATABASE, seedRows, SEED_BATCH_BYTES);
      JobId job = new JobId("zdm-bench-" + System.currentTimeMillis());
      CliSettings settings = CliSettings.load(null, Map.of(), Map.of("kafka.bootstrap", bootstrap,
          "source.uri", sourceServer.uri(), "target.uri", targetServer.uri()));
      try (InProcessPipeline pipeline = InProcessPipeline.start(settings, job,
          Optional.of(new InProcessPipeline.SourceLog(bootstrap, sourceServer.clusterPrefix())))) {
        pipeline.topics().submit(spec(job, sourceServer.uri(), targetServer.uri()));
        awaitStage(pipeline, job, JobStage.SYNCING);
        out.printf("Job %s syncing; %d s of load at %,d rows/s (dim %d, %d rows per request) ...%n", job, seconds,
            rate, dim, batch);
        Instant loadStart = Instant.now();
        long written;
        try (SteadyWriter writer = new SteadyWriter(collection, source, DATABASE, seedRows, batch).start(rate)) {
          Thread.sleep(Duration.ofSeconds(seconds).toMillis());
          written = writer.rowsWritten();
        }
        Instant loadEnd = Instant.now();
        Duration stopSync = stopSync(pipeline, job);
        report(pipeline, job, loadStart, loadEnd, written, stopSync);
        completed = true;
        return 0;
      }
    } finally {
      serverDirectories.remove(completed, out);
    }
  }

  private static void awaitStage(InProcessPipeline pipeline, JobId job, JobStage stage) {
    JobStatus status = new StatusFollower(pipeline.topics(), pipeline::statusServiceStopped)
        .until(job.value(), s -> s.getStage() == stage);
    if (status.getState() != JobState.IN_PROGRESS) {
      throw new IllegalStateException("Job " + job + " ended " + status.getState() + ": " + status.getReason());
    }
  }

  private Duration stopSync(InProcessPipeline pipeline, JobId job) {
    stopSyncSentAt = System.currentTimeMillis();
    long sent = System.nanoTime();
    pipeline.topics().stopSync(job.value(), true, "zdm-benchmark (writer stopped)");
    JobStatus last = new StatusFollower(pipeline.topics(), pipeline::statusServiceStopped)
        .follow(job.value(), status -> { }, () -> false).orElseThrow();
    Duration took = Duration.ofNanos(System.nanoTime() - sent);
    if (last.getState() != JobState.SUCCESSFUL) {
      throw new IllegalStateException("Job " + job + " ended " + last.getState() + ": " + last.getReason());
    }
    return took;
  }

  private void report(InProcessPipeline pipeline, JobId job, Instant loadStart, Instant loadEnd, long written,
      Duration stopSync) {
    List<Object> events = TopicReader.readAll(pipeline.topics().bootstrap(), pipeline.topics().names().progress(),
        ProgressEvent.class).stream().filter(r -> job.value().equals(r.key()) && r.value() != null)
        .map(r -> r.value().getPayload()).toList();
    List<SinkProgress> progress = events.stream().filter(SinkProgress.class::isInstance).map(SinkProgress.class::cast)
        .toList();
    LagSamples lag = LagSamples.during(progress, loadStart.toEpochMilli(), loadEnd.toEpochMilli());
    double loadSeconds = Duration.between(loadStart, loadEnd).toMillis() / 1000.0;
    out.println();
    out.printf("Load: %,d rows in %.1f s = %,.0f rows/s (asked %,d rows/s)%n", written, loadSeconds,
        written / loadSeconds, rate);
    out.printf("Lag Behind Source from source timestamps (%d samples, one per sink acknowledgement report):"
        + " p50 %d ms, p99 %d ms, max %d ms (goal p99 <= %d ms: %s)%n", lag.count(), lag.percentile(50),
        lag.percentile(99), lag.max(), LAG_GOAL_MS, lag.percentile(99) <= LAG_GOAL_MS ? "met" : "MISSED");
    out.printf("Apply: %,.0f rows/s during the load%n", lag.rowsApplied() / loadSeconds);
    out.printf("Stop-sync: STOP_SYNC to SUCCESSFUL in %.2f s (goal <= %.1f s: %s)%n", stopSync.toNanos() / 1e9,
        STOP_SYNC_GOAL_S, stopSync.toNanos() / 1e9 <= STOP_SYNC_GOAL_S ? "met" : "MISSED");
    long drainedAt = progress.stream().filter(p -> p.getFenceTs() != null).mapToLong(SinkProgress::getAt).max()
        .orElse(stopSyncSentAt);
    long verifiedAt = events.stream().filter(VerificationReport.class::isInstance).map(VerificationReport.class::cast)
        .mapToLong(VerificationReport::getAt).max().orElse(drainedAt);
    out.printf("  of which: fence written and every partition drained %.2f s, flush and verification of %,d rows"
        + " %.2f s%n", (drainedAt - stopSyncSentAt) / 1000.0, seedRows + written, (verifiedAt - drainedAt) / 1000.0);
  }

  private static JobSpec spec(JobId job, String source, String target) {
    return JobSpec.newBuilder().setJobId(job.value()).setMode(JobMode.ZERO_DOWNTIME).setDatabase(null)
        .setCollections(List.of()).setIndexPolicy(IndexPolicy.AUTOINDEX).setSourceLabel(source)
        .setTargetLabel(target).setSubmittedAt(System.currentTimeMillis()).build();
  }
}
