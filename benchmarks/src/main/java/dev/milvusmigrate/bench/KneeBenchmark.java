package dev.milvusmigrate.bench;

import dev.milvusmigrate.cli.InProcessPipeline;
import dev.milvusmigrate.core.domain.CollectionName;
import dev.milvusmigrate.core.domain.JobId;
import dev.milvusmigrate.kafka.TopicReader;
import dev.milvusmigrate.schemas.JobSpecs;
import dev.milvusmigrate.schemas.avro.IndexPolicy;
import dev.milvusmigrate.schemas.avro.JobStage;
import dev.milvusmigrate.schemas.avro.Mutation;
import dev.milvusmigrate.schemas.avro.PipelineEvent;
import dev.milvusmigrate.schemas.avro.SinkProgress;
import dev.milvusmigrate.testkit.milvus.MilvusStandaloneServer;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "knee", mixinStandardHelpOptions = true,
    description = {"The throughput knee of zero-downtime sync between two Milvus " + MilvusStandaloneServer.VERSION
        + " servers it starts: first how fast the source alone ingests the write mix (no pipeline), then, in one"
        + " zero-downtime job, steps of the write rate at fractions of that maximum; per step the source's"
        + " achieved ingest rate, capture and apply rows/s and Lag Behind Source p50/p99.",
        "Exit code 0 when the job ended SUCCESSFUL (whether or not the goal was met), 1 otherwise."})
public final class KneeBenchmark implements Callable<Integer> {

  static final String DATABASE = "knee_bench";
  /** Where the source's maximum is measured; dropped before the job, so the job does not copy it. */
  static final String MAXIMUM_DATABASE = "knee_maximum";
  static final SteadyWriter.Mix MIX = new SteadyWriter.Mix(0.10, 0.05);
  /** The goal: lag p99 within this up to {@value #GOAL_FRACTION} of the source's maximum. */
  static final double GOAL_FRACTION = 0.9;

  @Option(names = "--writers", paramLabel = "N", description = "Writer threads, in both phases (default ${DEFAULT-VALUE}).")
  int writers = 4;

  @Option(names = "--maximum-seconds", paramLabel = "S",
      description = "How long the source alone is written flat out (default ${DEFAULT-VALUE}).")
  int maximumSeconds = 30;

  @Option(names = "--step-seconds", paramLabel = "S", description = "Duration of each rate step (default ${DEFAULT-VALUE}).")
  int stepSeconds = 60;

  @Option(names = "--steps", paramLabel = "F", split = ",",
      description = "The steps, as fractions of the source's maximum (default ${DEFAULT-VALUE}).")
  List<Double> steps = List.of(0.25, 0.5, 0.7, 0.8, 0.9, 1.0);

  @Mixin
  ZdmSourceOptions source = new ZdmSourceOptions();

  private final PrintStream out = System.out;

  /** One step of the load: the rate asked, the rows the source acknowledged, its window (wall ms). */
  record Step(double fraction, int asked, long written, long fromMs, long toMs) {

    double seconds() {
      return (toMs - fromMs) / 1000.0;
    }

    boolean contains(long atMs) {
      return atMs >= fromMs && atMs <= toMs;
    }
  }

  @Override
  public Integer call() throws Exception {
    SyntheticCollection collection = new SyntheticCollection(source.dim);
    out.printf("Machine: %s%n", Machine.describe());
    out.printf("Write mix: %s, %d rows a request, %d writer threads, dim %d%n", MIX, source.batch,
        writers, source.dim);
    ZdmLab.run(source.sourceLog, "knee-bench", out, servers -> {
      double maximum = sourceMaximum(servers, collection);
      collection.createSource(servers.sourceSession(), DATABASE);
      collection.seed(servers.sourceSession(), DATABASE, source.seedRows, ZdmBenchmark.SEED_BATCH_BYTES);
      JobId job = new JobId("knee-bench-" + System.currentTimeMillis());
      try (InProcessPipeline pipeline = servers.pipeline(job)) {
        pipeline.topics().submit(JobSpecs.zeroDowntime(job.value(), IndexPolicy.AUTOINDEX, servers.source().uri(),
            servers.target().uri()));
        SyncUnderLoad.awaitStage(pipeline, job.value(), JobStage.SYNCING);
        List<Step> done = runSteps(servers, collection, maximum);
        long stoppedAt = System.currentTimeMillis();
        out.printf("Stop-sync: STOP_SYNC to SUCCESSFUL in %.2f s%n",
            SyncUnderLoad.stopSync(pipeline, job.value()).toNanos() / 1e9);
        print(done, maximum, SyncUnderLoad.FenceTimes.of(pipeline, job.value(), stoppedAt).progress(),
            capturedRows(pipeline, job, done));
      }
    });
    return 0;
  }

  /** The source alone, written flat out with the mix in a database of its own, which is then dropped. */
  private double sourceMaximum(ZdmLab.Servers servers, SyntheticCollection collection) throws Exception {
    collection.createSource(servers.sourceSession(), MAXIMUM_DATABASE);
    collection.seed(servers.sourceSession(), MAXIMUM_DATABASE, source.seedRows, ZdmBenchmark.SEED_BATCH_BYTES);
    out.printf("The source alone, flat out for %d s ...%n", maximumSeconds);
    double maximum;
    CpuMeter cpu = servers.cpu();
    CpuMeter.Sample before = cpu.sample();
    try (SteadyWriter writer = new SteadyWriter(collection, servers.sourceSession(), MAXIMUM_DATABASE, source.seedRows,
        source.batch, MIX, writers)) {
      maximum = writer.flatOut(Duration.ofSeconds(maximumSeconds));
    }
    printCpu(before, cpu.sample());
    servers.sourceSession().catalog().dropCollection(new CollectionName(MAXIMUM_DATABASE,
        SyntheticCollection.COLLECTION));
    out.printf("The source's maximum ingest rate: %,.0f rows/s%n", maximum);
    return maximum;
  }

  private List<Step> runSteps(ZdmLab.Servers servers, SyntheticCollection collection, double maximum)
      throws InterruptedException {
    List<Step> done = new ArrayList<>();
    long nextId = source.seedRows;
    CpuMeter cpu = servers.cpu();
    for (double fraction : steps) {
      int asked = (int) Math.max(source.batch, Math.round(fraction * maximum));
      out.printf("Step %.2f x maximum: %,d rows/s for %d s ...%n", fraction, asked, stepSeconds);
      long from = System.currentTimeMillis();
      CpuMeter.Sample before = cpu.sample();
      long written;
      try (SteadyWriter writer = new SteadyWriter(collection, servers.sourceSession(), DATABASE, nextId, source.batch, MIX,
          writers).start(asked)) {
        Thread.sleep(stepSeconds * 1000L);
        written = writer.rowsWritten();
        nextId = writer.nextId();
      }
      done.add(new Step(fraction, asked, written, from, System.currentTimeMillis()));
      printCpu(before, cpu.sample());
    }
    return done;
  }

  /** Who used the 2 cores: on this machine the servers and the pipeline share them. */
  private void printCpu(CpuMeter.Sample before, CpuMeter.Sample after) {
    out.printf("  %s%n  %s%n", CpuMeter.since(before, after), CpuMeter.jvmThreadsSince(before, after));
  }

  /**
   * The rows capture published during each step, by the time each mutation was produced (its
   * record's timestamp); the topic is read record by record, not held.
   */
  private static long[] capturedRows(InProcessPipeline pipeline, JobId job, List<Step> steps) {
    long[] rows = new long[steps.size()];
    TopicReader.forEach(pipeline.topics().clients(), pipeline.topics().names().mutations(job), PipelineEvent.class,
        record -> {
          if (record.value() != null && record.value().getPayload() instanceof Mutation mutation) {
            for (int i = 0; i < steps.size(); i++) {
              if (steps.get(i).contains(record.timestamp())) {
                rows[i] += Math.max(1, mutation.getRowCount());
              }
            }
          }
        });
    return rows;
  }

  private void print(List<Step> done, double maximum, List<SinkProgress> progress, long[] captured) {
    out.printf("%nThe source alone: %,.0f rows/s (the write mix, %d threads)%n", maximum, writers);
    out.println("| step | asked rows/s | source ingest rows/s | capture rows/s | apply rows/s | lag p50 ms | lag p99 ms |");
    out.println("|---|---|---|---|---|---|---|");
    double kneeRate = 0;
    boolean held = true;
    for (int i = 0; i < done.size(); i++) {
      Step step = done.get(i);
      LagSamples lag = LagSamples.during(progress, step.fromMs(), step.toMs());
      double ingest = step.written() / step.seconds();
      out.printf("| %.2f x | %,d | %,.0f | %,.0f | %,.0f | %d | %d |%n", step.fraction(), step.asked(), ingest,
          captured[i] / step.seconds(), lag.rowsApplied() / step.seconds(), lag.ms().percentile(50),
          lag.ms().percentile(99));
      held = held && lag.ms().count() > 0 && lag.ms().percentile(99) <= SyncUnderLoad.LAG_GOAL_MS;
      if (held) {
        kneeRate = ingest;
      }
    }
    out.printf("Lag p99 <= %d ms in every step up to %,.0f rows/s = %.2f x the source's maximum (goal >= %.1f x: %s)%n",
        SyncUnderLoad.LAG_GOAL_MS, kneeRate, kneeRate / maximum, GOAL_FRACTION,
        kneeRate / maximum >= GOAL_FRACTION ? "met" : "MISSED");
  }
}
