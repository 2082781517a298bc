package dev.milvusmigrate.bench;

import dev.milvusmigrate.core.domain.CollectionName;
import dev.milvusmigrate.core.domain.MilvusEndpoint;
import dev.milvusmigrate.milvus.MilvusConnector;
import dev.milvusmigrate.milvus.MilvusSession;
import dev.milvusmigrate.testkit.kafka.KafkaBroker;
import dev.milvusmigrate.testkit.milvus.MilvusStandaloneServer;
import dev.milvusmigrate.testkit.milvus.PythonMilvusEnvironment;
import dev.milvusmigrate.testkit.milvus.StandaloneOptions;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "offline", mixinStandardHelpOptions = true,
    description = {"Copies N synthetic entities between two Milvus " + MilvusStandaloneServer.VERSION
        + " standalone servers it starts, with (b) a direct columnar copy, (a) the pipeline and (c) a naive"
        + " SDK row copy, checks every target's row count and prints rows/s, MB/s and the ratios.",
        "Exit code 0 when every copy was complete (whether or not the goals were met), 1 otherwise."})
public final class OfflineCopyBenchmark implements Callable<Integer> {

  /** One method of copying, in the order the runs are made. */
  enum Method { direct, pipeline, naive }

  static final String SOURCE_DB = "bench_source";
  static final String WARMUP_DB = "bench_warmup";
  static final double GOAL_VS_DIRECT = 0.9;
  static final double GOAL_VS_NAIVE = 3.0;

  @Option(names = "--rows", paramLabel = "N", description = "Entities to copy (default ${DEFAULT-VALUE}: the pipeline job"
      + " runs about a minute from submission to SUCCESSFUL on a 2-core machine).")
  long rows = 200_000;

  @Option(names = "--dim", paramLabel = "D", description = "Vector dimension (default ${DEFAULT-VALUE}).")
  int dim = 768;

  @Option(names = "--skip-naive", description = "Do not run (c).")
  boolean skipNaive;

  @Option(names = "--naive-rows", paramLabel = "N", description = "Entities (c) copies, at most --rows; rates are"
      + " per row, so fewer keep the run short (default ${DEFAULT-VALUE}).")
  long naiveRows = 20_000;

  @Option(names = "--naive-batch", paramLabel = "N", description = "Rows per iterator page and insert of (c)"
      + " (default ${DEFAULT-VALUE}).")
  int naiveBatch = 1000;

  @Option(names = "--warmup-rows", paramLabel = "N", description = "Entities of an unmeasured warm-up copy with"
      + " (b) and (a) first, for the JIT and Kafka's coordinators; 0 skips it (default ${DEFAULT-VALUE}).")
  long warmupRows = 10_000;

  @Option(names = "--warmup-copies", paramLabel = "N", description = "How many times the warm-up copies run"
      + " (default ${DEFAULT-VALUE}); each prints its CPU, so the JIT compilers' share can be seen to fall.")
  int warmupCopies = 1;

  @Option(names = "--batch-bytes", paramLabel = "BYTES", description = "Page size of (b), the same as the"
      + " exporter's exporter.batch.bytes default (default ${DEFAULT-VALUE}).")
  int batchBytes = 4 * 1024 * 1024;

  @Option(names = "--order", split = ",", paramLabel = "METHOD", description = "Order of the runs"
      + " (default ${DEFAULT-VALUE}).")
  List<Method> order = List.of(Method.direct, Method.pipeline, Method.naive);

  private final PrintStream out = System.out;
  private final ServerDirectories serverDirectories = new ServerDirectories();

  @Override
  public Integer call() throws Exception {
    if (naiveRows > rows) {
      naiveRows = rows;
    }
    SyntheticCollection collection = new SyntheticCollection(dim);
    out.printf("Machine: %s; JVM max heap %d MiB%n", Machine.describe(), Runtime.getRuntime().maxMemory() >> 20);
    boolean completed = false;
    try (AutoCloseable kafka = KafkaBroker::stopShared;
        MilvusStandaloneServer sourceServer = startServer("source");
        MilvusStandaloneServer targetServer = startServer("target");
        MilvusSession source = MilvusConnector.connect(MilvusEndpoint.of(sourceServer.uri()));
        MilvusSession target = MilvusConnector.connect(MilvusEndpoint.of(targetServer.uri()))) {
      Runs runs = new Runs(collection, sourceServer.uri(), source, targetServer.uri(), target,
          CpuMeter.of(sourceServer.port(), targetServer.port()));
      seed(collection, source, SOURCE_DB, rows);
      if (warmupRows > 0) {
        seed(collection, source, WARMUP_DB, warmupRows);
        for (int copy = 0; copy < warmupCopies; copy++) {
          runs.direct(WARMUP_DB, "warmup_direct");
          runs.pipeline(WARMUP_DB, "warmup_pipeline", warmupRows);
        }
        out.printf("Warm-up done (%d x %,d rows with (b) and (a), not reported); load %s%n", warmupCopies, warmupRows,
            Machine.load());
      }
      Map<Method, Throughput> results = new LinkedHashMap<>();
      Map<Method, CopyCpu> cpuUse = new EnumMap<>(Method.class);
      Duration untilSuccessful = null;
      for (Method method : order) {
        switch (method) {
          case direct -> {
            Copied copied = runs.direct(SOURCE_DB, "bench_direct");
            results.put(method, copied.throughput());
            cpuUse.put(method, copied.cpu());
          }
          case pipeline -> {
            PipelineCopy.Result result = runs.pipeline(SOURCE_DB, "bench_pipeline", rows);
            results.put(method, result.copy());
            result.copyCpuUse().ifPresent(cpu -> cpuUse.put(method, cpu));
            untilSuccessful = result.untilSuccessful();
          }
          case naive -> {
            if (!skipNaive) {
              results.put(method, runs.naive(SOURCE_DB, "bench_naive", naiveRows, naiveBatch));
            }
          }
        }
      }
      report(results, untilSuccessful, cpuUse);
      completed = true;
      return 0;
    } finally {
      serverDirectories.remove(completed, out);
    }
  }

  private MilvusStandaloneServer startServer(String role) {
    out.printf("Starting the %s Milvus %s standalone ...%n", role, MilvusStandaloneServer.VERSION);
    return serverDirectories.track(MilvusStandaloneServer.start(PythonMilvusEnvironment.shared(),
        StandaloneOptions.onRocksMq()));
  }

  private void seed(SyntheticCollection collection, MilvusSession source, String database, long count) {
    long started = System.nanoTime();
    collection.createSource(source, database);
    collection.seed(source, database, count);
    out.printf("Seeded %s.%s with %,d entities of dim %d (%.1f MB) in %.1f s%n", database,
        SyntheticCollection.COLLECTION, count, dim, count * (double) collection.rowBytes() / 1e6,
        (System.nanoTime() - started) / 1e9);
  }

  private void report(Map<Method, Throughput> results, Duration untilSuccessful, Map<Method, CopyCpu> cpuUse) {
    out.println();
    out.printf("Results (%,d entities of dim %d, %d bytes each; MB = 10^6 bytes; load %s)%n", rows, dim,
        results.values().iterator().next().bytes() / Math.max(1, results.values().iterator().next().rows()),
        Machine.load());
    results.values().forEach(result -> out.println("  " + result.line()));
    if (untilSuccessful != null) {
      out.printf("  (a) job SUCCESSFUL %.1f s after submission (copy, flush and verification)%n",
          untilSuccessful.toNanos() / 1e9);
    }
    List<String> ratios = new ArrayList<>();
    Throughput pipeline = results.get(Method.pipeline);
    ratio(ratios, pipeline, results.get(Method.direct), "(a)/(b)", GOAL_VS_DIRECT);
    ratio(ratios, pipeline, results.get(Method.naive), "(a)/(c)", GOAL_VS_NAIVE);
    if (cpuUse.containsKey(Method.pipeline) && cpuUse.containsKey(Method.direct)) {
      ratios.add(CopyCpu.comparison(cpuUse.get(Method.pipeline), cpuUse.get(Method.direct)));
    }
    ratios.forEach(line -> out.println("  " + line));
  }

  /** A checked copy and what it cost this JVM. */
  private record Copied(Throughput throughput, CopyCpu cpu) {}

  private static void ratio(List<String> lines, Throughput a, Throughput b, String name, double goal) {
    if (a == null || b == null) {
      return;
    }
    double ratio = a.rowsPerSecond() / b.rowsPerSecond();
    lines.add(String.format("%s = %.2f (rows/s; goal >= %.1f: %s)", name, ratio, goal,
        ratio >= goal ? "met" : "MISSED"));
  }

  /** Runs one method into its own target database and checks the target's row count. */
  private final class Runs {
    private final SyntheticCollection collection;
    private final String sourceUri;
    private final MilvusSession source;
    private final String targetUri;
    private final MilvusSession target;
    private final CpuMeter cpu;

    Runs(SyntheticCollection collection, String sourceUri, MilvusSession source, String targetUri,
        MilvusSession target, CpuMeter cpu) {
      this.collection = collection;
      this.sourceUri = sourceUri;
      this.source = source;
      this.targetUri = targetUri;
      this.target = target;
      this.cpu = cpu;
    }

    Copied direct(String sourceDb, String targetDb) throws Exception {
      long expected = source.catalog().countRows(new CollectionName(sourceDb, SyntheticCollection.COLLECTION));
      collection.createTarget(target, targetDb);
      settle();
      CpuMeter.Sample before = cpu.sample();
      Throughput result = new DirectCopy(collection, batchBytes).run(source, sourceDb, target, targetDb);
      return new Copied(result, checked(result, targetDb, expected, before, "copy"));
    }

    PipelineCopy.Result pipeline(String sourceDb, String targetDb, long expected) throws InterruptedException {
      settle();
      CpuMeter.Sample before = cpu.sample();
      PipelineCopy.Result result = new PipelineCopy(KafkaBroker.shared().bootstrapServers())
          .run(sourceUri, sourceDb, targetUri, targetDb, expected, collection.rowBytes(), cpu);
      checked(result.copy(), targetDb, expected, before, "services start, copy, flush and verification");
      out.printf("    %s%n    first rows on the target %.1f s after submission%n", result.copyCpu(),
          result.untilFirstRows().toMillis() / 1000.0);
      return result;
    }

    Throughput naive(String sourceDb, String targetDb, long count, int batch) throws InterruptedException {
      collection.createTarget(target, targetDb);
      settle();
      CpuMeter.Sample before = cpu.sample();
      Throughput result = new NaiveRowCopy(batch).run(sourceUri, sourceDb, targetUri, targetDb, count,
          collection.rowBytes());
      checked(result, targetDb, count, before, "copy");
      return result;
    }

    /** Every copy starts with both servers idle, not busy with what the step before left them. */
    private void settle() throws InterruptedException {
      out.printf("    %s%n", cpu.awaitQuietServers());
    }

    /** Checks the target holds every row, drops the copy and returns what it cost this JVM. */
    private CopyCpu checked(Throughput result, String targetDb, long expected, CpuMeter.Sample before,
        String measured) {
      CpuMeter.Sample after = cpu.sample();
      String cpuUse = CpuMeter.since(before, after);
      if (result.rows() != expected) {
        throw new IllegalStateException(result.method() + " copied " + result.rows() + " rows instead of " + expected
            + ": this run is not a result.");
      }
      TargetCheck.requireRows(target, targetDb, expected, result.method());
      TargetCheck.drop(targetUri, targetDb);
      out.printf("  %s -> %s: %s%n    %s (%s); load %s%n    %s%n", result.method(), targetDb, result.line(), cpuUse,
          measured, Machine.load(), CpuMeter.jvmThreadsSince(before, after));
      return CpuMeter.copy(before, after, result.bytes());
    }
  }
}
