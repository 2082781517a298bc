package dev.milvusmigrate.bench;

import dev.milvusmigrate.core.domain.CollectionName;
import dev.milvusmigrate.core.domain.MilvusEndpoint;
import dev.milvusmigrate.milvus.MilvusConnector;
import dev.milvusmigrate.milvus.MilvusSession;
import dev.milvusmigrate.schemas.avro.VerificationReport;
import dev.milvusmigrate.testkit.milvus.MilvusStandaloneServer;
import dev.milvusmigrate.testkit.milvus.PythonMilvusEnvironment;
import dev.milvusmigrate.testkit.milvus.StandaloneOptions;
import dev.milvusmigrate.verification.CollectionVerifier;
import dev.milvusmigrate.verification.SampleSize;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "verify", mixinStandardHelpOptions = true,
    description = {"Times verification between two Milvus " + MilvusStandaloneServer.VERSION + " servers it starts:"
        + " for each size, the source is seeded, copied by the direct columnar copy (the baseline), and the copy is"
        + " verified with the former sample (100 random + 20 highest), the default sample and --full; each time is"
        + " printed with its ratio to the direct copy.",
        "Exit code 0 when every verification passed, 1 otherwise."})
public final class VerifyBenchmark implements Callable<Integer> {

  @Option(names = "--rows", split = ",", paramLabel = "N", description = "Collection sizes (default 50000,200000).")
  List<Long> rows = List.of(50_000L, 200_000L);

  @Option(names = "--dim", paramLabel = "D", description = "Vector dimension (default ${DEFAULT-VALUE}).")
  int dim = 768;

  @Option(names = "--page-bytes", paramLabel = "BYTES", description = "Page size of the direct copy (default 4 MiB).")
  int pageBytes = 4 * 1024 * 1024;

  private final PrintStream out = System.out;

  @Override
  public Integer call() throws Exception {
    SyntheticCollection collection = new SyntheticCollection(dim);
    out.printf("Machine: %s%n", Machine.describe());
    ServerDirectories serverDirectories = new ServerDirectories();
    boolean completed = false;
    boolean allPassed = true;
    try (MilvusStandaloneServer sourceServer = serverDirectories.track(MilvusStandaloneServer.start(
            PythonMilvusEnvironment.shared(), StandaloneOptions.onRocksMq()));
        MilvusStandaloneServer targetServer = serverDirectories.track(MilvusStandaloneServer.start(
            PythonMilvusEnvironment.shared(), StandaloneOptions.onRocksMq()));
        MilvusSession source = MilvusConnector.connect(MilvusEndpoint.of(sourceServer.uri()));
        MilvusSession target = MilvusConnector.connect(MilvusEndpoint.of(targetServer.uri()))) {
      CpuMeter cpu = CpuMeter.of(sourceServer.port(), targetServer.port());
      for (long count : rows) {
        String database = "verify_bench_" + count;
        collection.createSource(source, database);
        collection.seed(source, database, count);
        collection.createTarget(target, database);
        out.printf("%n%,d rows, dim %d:%n    %s%n", count, dim, cpu.awaitQuietServers());
        Throughput copy = new DirectCopy(collection, pageBytes).run(source, database, target, database);
        TargetCheck.requireRows(target, database, count, copy.method());
        out.printf("  %s%n", copy.line());
        double baseline = copy.elapsed().toNanos() / 1e9;
        CollectionVerifier former = new CollectionVerifier(source, target, new SampleSize(100, 20), new SecureRandom());
        CollectionVerifier sampling = new CollectionVerifier(source, target, SampleSize.defaults(), new SecureRandom());
        for (Run run : List.of(new Run("former sample (100 + 20 highest)", former),
            new Run("default sample", sampling), new Run("--full", sampling.inFull()))) {
          out.printf("    %s%n", cpu.awaitQuietServers());
          long started = System.nanoTime();
          VerificationReport report = run.verifier().verify(null, new CollectionName(database,
              SyntheticCollection.COLLECTION), database);
          double seconds = (System.nanoTime() - started) / 1e9;
          allPassed &= report.getPassed();
          out.printf("  verify, %s: %.2f s = %.2f x the direct copy; %,d entities compared, passed=%s%n", run.name(),
              seconds, seconds / baseline, report.getSampled(), report.getPassed());
        }
      }
      completed = true;
      return allPassed ? 0 : 1;
    } finally {
      serverDirectories.remove(completed, out);
    }
  }

  private record Run(String name, CollectionVerifier verifier) {}
}
