package dev.milvusmigrate.bench;

import dev.milvusmigrate.core.domain.CollectionName;
import dev.milvusmigrate.core.domain.MilvusEndpoint;
import dev.milvusmigrate.lag.LagMonitorConfig;
import dev.milvusmigrate.lag.LagMonitorService;
import dev.milvusmigrate.milvus.MilvusConnector;
import dev.milvusmigrate.milvus.MilvusSession;
import dev.milvusmigrate.testkit.kafka.KafkaBroker;
import dev.milvusmigrate.testkit.milvus.MilvusStandaloneServer;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "scale-out", mixinStandardHelpOptions = true,
    description = {"Copies N synthetic entities in several collections of one database between two Milvus "
        + MilvusStandaloneServer.VERSION + " standalone servers it starts: (b) a direct columnar copy, then one"
        + " OFFLINE job for each --instances count with that many snapshot-exporter and sink-writer processes of"
        + " their own on one Kafka. Checks every target's row counts and prints rows/s, the ratios to (b) and what"
        + " each instance counted on its metrics endpoint.",
        "Exit code 0 when every copy was complete (whether or not the work was shared), 1 otherwise."})
public final class ScaleOutBenchmark implements Callable<Integer> {

  static final String SOURCE_DB = "scale_source";
  static final String DIRECT_DB = "scale_direct";

  @Option(names = "--rows", paramLabel = "N", description = "Entities to copy, spread evenly over the collections"
      + " (default ${DEFAULT-VALUE}).")
  long rows = 1_000_000;

  @Option(names = "--dim", paramLabel = "D", description = "Vector dimension (default ${DEFAULT-VALUE}: the"
      + " whole run stays within about 15 minutes on a 2-core machine).")
  int dim = 128;

  @Option(names = "--collections", paramLabel = "N", description = "Collections of the source database"
      + " (default ${DEFAULT-VALUE}).")
  int collections = 8;

  @Option(names = "--instances", split = ",", paramLabel = "N", description = "Exporter and sink process counts,"
      + " one job each, in this order (default ${DEFAULT-VALUE}).")
  List<Integer> instances = List.of(1, 2);

  @Option(names = "--direct-parallel", paramLabel = "N", description = "Collections (b) copies at the same time,"
      + " as many as one exporter's exporter.parallel-collections default (default ${DEFAULT-VALUE}).")
  int directParallel = 2;

  @Option(names = "--batch-bytes", paramLabel = "BYTES", description = "Page size of (b), the same as the"
      + " exporter's exporter.batch.bytes default (default ${DEFAULT-VALUE}).")
  int batchBytes = 4 * 1024 * 1024;

  private final PrintStream out = System.out;
  private final ServerDirectories serverDirectories = new ServerDirectories();

  @Override
  public Integer call() throws Exception {
    List<SyntheticCollection> synthetic = new ArrayList<>();
    for (int i = 0; i < collections; i++) {
      synthetic.add(new SyntheticCollection(dim, "vectors_" + i));
    }
    long[] counts = Split.evenly(rows, collections);
    out.printf("Machine: %s; JVM max heap %d MiB%n", Machine.describe(), Runtime.getRuntime().maxMemory() >> 20);
    Path work = Files.createTempDirectory("scale-out-");
    boolean completed = false;
    try (AutoCloseable kafka = KafkaBroker::stopShared;
        MilvusStandaloneServer sourceServer = serverDirectories.startStandalone("source", out);
        MilvusStandaloneServer targetServer = serverDirectories.startStandalone("target", out);
        MilvusSession source = MilvusConnector.connect(MilvusEndpoint.of(sourceServer.uri()));
        MilvusSession target = MilvusConnector.connect(MilvusEndpoint.of(targetServer.uri()));
        LagMonitorService lagMonitor = new LagMonitorService(LagMonitorConfig.of(Map.of(), System.getenv(),
            Map.of("kafka.bootstrap", KafkaBroker.shared().bootstrapServers()))).start()) {
      Runs runs = new Runs(synthetic, counts, sourceServer.uri(), source, targetServer.uri(), target,
          CpuMeter.of(sourceServer.port(), targetServer.port()), lagMonitor, work);
      seed(synthetic, counts, source);
      Throughput direct = runs.direct();
      Map<Integer, Throughput> pipeline = new LinkedHashMap<>();
      Map<Integer, Boolean> shared = new LinkedHashMap<>();
      for (int count : instances) {
        Runs.Pipeline run = runs.pipeline(count);
        pipeline.put(count, run.copy());
        shared.put(count, run.shared());
      }
      report(direct, pipeline, shared);
      completed = true;
      return 0;
    } finally {
      serverDirectories.remove(completed, out);
      out.printf("The service processes' settings and logs (a few MB) are in %s%n", work);
    }
  }

  private void seed(List<SyntheticCollection> synthetic, long[] counts, MilvusSession source) {
    long started = System.nanoTime();
    for (int i = 0; i < synthetic.size(); i++) {
      synthetic.get(i).createSource(source, SOURCE_DB);
      synthetic.get(i).seed(source, SOURCE_DB, counts[i]);
    }
    out.printf("Seeded %s with %d collections, %,d entities of dim %d in all (%.1f MB) in %.1f s; load %s%n",
        SOURCE_DB, synthetic.size(), rows, dim, rows * (double) synthetic.get(0).rowBytes() / 1e6,
        (System.nanoTime() - started) / 1e9, Machine.load());
  }

  private void report(Throughput direct, Map<Integer, Throughput> pipeline, Map<Integer, Boolean> shared) {
    out.println();
    out.printf("Results (%,d entities of dim %d in %d collections, %d bytes each; MB = 10^6 bytes; load %s)%n",
        rows, dim, collections, direct.bytes() / Math.max(1, direct.rows()), Machine.load());
    out.println("  " + direct.line());
    pipeline.values().forEach(result -> out.println("  " + result.line()));
    pipeline.forEach((count, result) -> out.printf("  %d instance%s / (b) = %.2f (rows/s); work shared by every"
            + " instance: %s%n", count, count == 1 ? "" : "s", result.rowsPerSecond() / direct.rowsPerSecond(),
        shared.get(count) ? "yes" : "NO"));
    if (pipeline.containsKey(1) && pipeline.containsKey(2)) {
      out.printf("  2 instances / 1 instance = %.2f (rows/s)%n",
          pipeline.get(2).rowsPerSecond() / pipeline.get(1).rowsPerSecond());
    }
  }

  /** Runs (b) and the pipeline jobs, each into its own target database, and checks the target's row counts. */
  private final class Runs {
    private final List<SyntheticCollection> synthetic;
    private final long[] counts;
    private final String sourceUri;
    private final MilvusSession source;
    private final String targetUri;
    private final MilvusSession target;
    private final CpuMeter cpu;
    private final LagMonitorService lagMonitor;
    private final Path work;

    /** One job's copy and whether every exporter and every sink counted rows of it. */
    record Pipeline(Throughput copy, boolean shared) {}

    Runs(List<SyntheticCollection> synthetic, long[] counts, String sourceUri, MilvusSession source,
        String targetUri, MilvusSession target, CpuMeter cpu, LagMonitorService lagMonitor, Path work) {
      this.synthetic = synthetic;
      this.counts = counts;
      this.sourceUri = sourceUri;
      this.source = source;
      this.targetUri = targetUri;
      this.target = target;
      this.cpu = cpu;
      this.lagMonitor = lagMonitor;
      this.work = work;
    }

    Throughput direct() throws Exception {
      synthetic.forEach(collection -> collection.createTarget(target, DIRECT_DB));
      settle();
      CpuMeter.Sample before = cpu.sample();
      ExecutorService pool = Executors.newFixedThreadPool(directParallel);
      long started = System.nanoTime();
      try {
        List<Future<Throughput>> copies = new ArrayList<>();
        for (SyntheticCollection collection : synthetic) {
          copies.add(pool.submit(() -> new DirectCopy(collection, batchBytes).run(source, SOURCE_DB, target,
              DIRECT_DB)));
        }
        long copied = 0;
        for (Future<Throughput> copy : copies) {
          copied += copy.get().rows();
        }
        Throughput result = Throughput.of(String.format("(b) direct columnar copy, %d at a time", directParallel),
            copied, synthetic.get(0).rowBytes(), Duration.ofNanos(System.nanoTime() - started));
        checked(result, DIRECT_DB, before, "copy");
        return result;
      } finally {
        pool.shutdownNow();
      }
    }

    Pipeline pipeline(int count) throws InterruptedException {
      String targetDb = "scale_" + count;
      String label = String.format("(a%d) %d exporter + %d sink process%s", count, count, count,
          count == 1 ? "" : "es");
      out.printf("  %s: starting the processes ...%n", label);
      try (ServiceInstances services = ServiceInstances.start(count, KafkaBroker.shared().bootstrapServers(),
          sourceUri, targetUri, work.resolve(count + "-instances"))) {
        services.awaitStarted();
        settle();
        CpuMeter.Sample before = cpu.sample();
        PipelineCopy.Result result = PipelineCopy.onServicesElsewhere(KafkaBroker.shared().bootstrapServers(),
                () -> lagMonitor.hasStopped() || services.anyStopped())
            .run(sourceUri, SOURCE_DB, targetUri, targetDb, rows, synthetic.get(0).rowBytes(), cpu);
        Throughput copy = new Throughput(label, result.copy().rows(), result.copy().bytes(), result.copy().elapsed());
        checked(copy, targetDb, before, "processes started before; copy, flush and verification");
        out.printf("    job SUCCESSFUL %.1f s after submission; first rows on the target %.1f s after it%n",
            result.untilSuccessful().toMillis() / 1000.0, result.untilFirstRows().toMillis() / 1000.0);
        List<String> names = synthetic.stream().map(c -> new CollectionName(SOURCE_DB, c.name()).qualified())
            .toList();
        List<InstanceWork> exporters = services.exporters().stream().map(instance -> InstanceWork.of(
            instance.name(), instance.scrape(), ServiceInstances.EXPORTER_ROWS, names)).toList();
        List<InstanceWork> sinks = services.sinks().stream().map(instance -> InstanceWork.of(
            instance.name(), instance.scrape(), ServiceInstances.SINK_ROWS, names, "stream", "snapshot")).toList();
        out.println("    per instance (" + ServiceInstances.EXPORTER_ROWS + ", " + ServiceInstances.SINK_ROWS
            + "{stream=\"snapshot\"}):");
        exporters.forEach(work -> out.println("      " + work.line()));
        sinks.forEach(work -> out.println("      " + work.line()));
        return new Pipeline(copy, InstanceWork.shared(exporters) && InstanceWork.shared(sinks));
      }
    }

    /** Every copy starts with both servers idle, not busy with what the step before left them. */
    private void settle() throws InterruptedException {
      out.printf("    %s%n", cpu.awaitQuietServers());
    }

    private void checked(Throughput result, String targetDb, CpuMeter.Sample before, String measured) {
      CpuMeter.Sample after = cpu.sample();
      if (result.rows() != rows) {
        throw new IllegalStateException(result.method() + " copied " + result.rows() + " rows instead of " + rows
            + ": this run is not a result.");
      }
      for (int i = 0; i < synthetic.size(); i++) {
        TargetCheck.requireRows(target, new CollectionName(targetDb, synthetic.get(i).name()), counts[i],
            result.method());
      }
      synthetic.forEach(collection -> TargetCheck.drop(targetUri, targetDb, collection.name()));
      out.printf("  %s -> %s: %s%n    %s (%s); load %s%n", result.method(), targetDb, result.line(),
          CpuMeter.since(before, after), measured, Machine.load());
    }
  }
}
