package dev.milvusmigrate.bench;

import dev.milvusmigrate.cli.CliSettings;
import dev.milvusmigrate.cli.InProcessPipeline;
import dev.milvusmigrate.core.domain.CollectionName;
import dev.milvusmigrate.core.domain.JobId;
import dev.milvusmigrate.core.domain.MilvusEndpoint;
import dev.milvusmigrate.milvus.MilvusConnector;
import dev.milvusmigrate.milvus.MilvusSession;
import dev.milvusmigrate.proxy.PassThroughServer;
import dev.milvusmigrate.proxy.ProxyConfig;
import dev.milvusmigrate.proxy.WriteCounts;
import dev.milvusmigrate.schemas.JobSpecs;
import dev.milvusmigrate.schemas.avro.IndexPolicy;
import dev.milvusmigrate.schemas.avro.JobSpec;
import dev.milvusmigrate.testkit.kafka.KafkaBroker;
import dev.milvusmigrate.testkit.milvus.MilvusStandaloneServer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.milvus.v2.service.vector.request.data.BaseVector;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.LongStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "proxy", mixinStandardHelpOptions = true,
    description = {"What the capture-proxy costs the applications, in one run against one Milvus "
        + MilvusStandaloneServer.VERSION + " standalone source (rocksmq) with the proxy in front of it, recording in an"
        + " in-JVM Kafka broker: (1) insert throughput of several concurrent clients directly and through the proxy,"
        + " runs alternating; (2) top-k search latency directly and through the proxy, the same queries; (3) a"
        + " zero-downtime job capturing through the proxy (--capture proxy) into a second "
        + MilvusStandaloneServer.VERSION + " while a writer inserts a steady rate through the proxy: lag p50/p99.",
        "Exit code 0 when every step's data was right (row counts, the proxy's records, the same search hits both"
        + " ways, the job SUCCESSFUL), whether or not the goals were met; 1 otherwise."})
public final class ProxyBenchmark implements Callable<Integer> {

  static final double WRITE_GOAL = 0.8;
  static final double SEARCH_ADDED_P50_GOAL_MS = 1.0;
  private static final String WRITE_DB = "proxy_bench_writes";
  private static final String SEARCH_DB = "proxy_bench_search";
  private static final String ZDM_DB = "proxy_bench_zdm";
  private static final String SOURCE_ID = "bench";
  private static final String TOPIC_PREFIX = "proxy-bench";
  private static final CollectionName WRITES = new CollectionName(WRITE_DB, SyntheticCollection.COLLECTION);

  @Option(names = "--clients", paramLabel = "N", description = "Concurrent inserting clients (default ${DEFAULT-VALUE}).")
  int clients = 4;

  @Option(names = "--rows-per-client", paramLabel = "N",
      description = "Rows each client inserts in one measured run (default ${DEFAULT-VALUE}).")
  long rowsPerClient = 40_000;

  @Option(names = "--rounds", paramLabel = "N", description = "Rounds of one direct and one proxied run each, the"
      + " order alternating (default ${DEFAULT-VALUE}).")
  int rounds = 3;

  @Option(names = "--batch", paramLabel = "ROWS", description = "Rows per insert request (default ${DEFAULT-VALUE}).")
  int batch = 100;

  @Option(names = "--dim", paramLabel = "D", description = "Vector dimension (default ${DEFAULT-VALUE}).")
  int dim = 128;

  @Option(names = "--search-rows", paramLabel = "N",
      description = "Entities in the searched collection (default ${DEFAULT-VALUE}).")
  long searchRows = 20_000;

  @Option(names = "--queries", paramLabel = "N", description = "Query vectors, each searched once per pass"
      + " (default ${DEFAULT-VALUE}).")
  int queries = 200;

  @Option(names = "--search-rounds", paramLabel = "N", description = "Rounds of one direct and one proxied pass,"
      + " the order alternating (default ${DEFAULT-VALUE}).")
  int searchRounds = 5;

  @Option(names = "--top-k", paramLabel = "K", description = "Hits per search (default ${DEFAULT-VALUE}).")
  int topK = 10;

  @Option(names = "--rate", paramLabel = "ROWS", description = "Rows/s written through the proxy during the"
      + " zero-downtime job (default ${DEFAULT-VALUE}).")
  int rate = 2000;

  @Option(names = "--seconds", paramLabel = "S", description = "Duration of the zero-downtime load (default ${DEFAULT-VALUE}).")
  int seconds = 120;

  @Option(names = "--seed-rows", paramLabel = "N", description = "Rows in the source before the zero-downtime job"
      + " (default ${DEFAULT-VALUE}).")
  long seedRows = 20_000;

  private final PrintStream out = System.out;

  @Override
  public Integer call() throws Exception {
    SyntheticCollection collection = new SyntheticCollection(dim);
    String bootstrap = KafkaBroker.shared().bootstrapServers();
    out.printf("Machine: %s%n", Machine.describe());
    ServerDirectories serverDirectories = new ServerDirectories();
    boolean completed = false;
    SimpleMeterRegistry proxyMeters = new SimpleMeterRegistry();
    try (AutoCloseable kafka = KafkaBroker::stopShared;
        MilvusStandaloneServer sourceServer = serverDirectories.startStandalone("source", out);
        MilvusSession source = MilvusConnector.connect(MilvusEndpoint.of(sourceServer.uri()));
        PassThroughServer proxy = PassThroughServer.start(proxyConfig(bootstrap, sourceServer.uri()), proxyMeters)) {
      String direct = sourceServer.uri();
      String proxied = "http://127.0.0.1:" + proxy.port();
      out.printf("Capture-proxy on %s in front of %s, recording in Kafka at %s%n", proxied, direct, bootstrap);
      CpuMeter sourceCpu = CpuMeter.ofSource(sourceServer.port());
      Writes writes = writes(collection, source, direct, proxied, sourceCpu, proxyMeters);
      Searches searches = searches(collection, source, direct, proxied, sourceCpu);
      for (String database : List.of(WRITE_DB, SEARCH_DB)) {
        source.catalog().dropCollection(new CollectionName(database, SyntheticCollection.COLLECTION));
      }
      SyncUnderLoad.Result zdm;
      try (MilvusStandaloneServer targetServer = serverDirectories.startStandalone("target", out)) {
        zdm = zeroDowntime(collection, bootstrap, sourceServer, targetServer, proxied);
      }
      report(writes, searches, zdm);
      completed = true;
      return 0;
    } finally {
      serverDirectories.remove(completed, out);
    }
  }

  /** Throughput of the runs of one path: all their rows over all their time. */
  private record PathTotal(long rows, long nanos) {

    PathTotal plus(Throughput run) {
      return new PathTotal(rows + run.rows(), nanos + run.elapsed().toNanos());
    }

    double rowsPerSecond() {
      return rows / (nanos / 1e9);
    }
  }

  private record Writes(PathTotal direct, PathTotal proxied) {

    double ratio() {
      return proxied.rowsPerSecond() / direct.rowsPerSecond();
    }
  }

  private record Searches(Percentiles directMicros, Percentiles proxiedMicros) {

    double addedMs(int p) {
      return (proxiedMicros.percentile(p) - directMicros.percentile(p)) / 1000.0;
    }
  }

  private Writes writes(SyntheticCollection collection, MilvusSession source, String direct, String proxied,
      CpuMeter cpu, SimpleMeterRegistry proxyMeters) throws InterruptedException {
    out.printf("%n(1) Insert throughput: %d clients, %,d rows each per run, %d rows per request, dim %d%n", clients,
        rowsPerClient, batch, dim);
    collection.createSource(source, WRITE_DB);
    collection.seed(source, WRITE_DB, 0);
    ConcurrentInserts inserts = new ConcurrentInserts(collection, WRITE_DB, clients, rowsPerClient, batch);
    ConcurrentInserts warmUp = new ConcurrentInserts(collection, WRITE_DB, clients, Math.max(batch,
        rowsPerClient / 5), batch);
    long nextId = 0;
    long rowsThroughProxy = 0;
    for (String uri : List.of(direct, proxied)) {
      nextId += warmUp.run("warm-up", uri, nextId).rows();
      rowsThroughProxy += uri.equals(proxied) ? warmUp.rowsPerRun() : 0;
    }
    requireRows(source, nextId, "the warm-up");
    out.printf("  warm-up: %,d rows each way (not counted)%n", warmUp.rowsPerRun());
    PathTotal directTotal = new PathTotal(0, 0);
    PathTotal proxiedTotal = new PathTotal(0, 0);
    for (int round = 0; round < rounds; round++) {
      for (boolean throughProxy : round % 2 == 0 ? new boolean[] {false, true} : new boolean[] {true, false}) {
        out.printf("  %s%n", cpu.awaitQuietServers());
        String method = throughProxy ? "through the proxy" : "direct";
        CpuMeter.Sample before = cpu.sample();
        Throughput run = inserts.run(method, throughProxy ? proxied : direct, nextId);
        CpuMeter.Sample after = cpu.sample();
        nextId += run.rows();
        requireRows(source, nextId, "run " + (round + 1) + " " + method);
        out.printf("  round %d %-18s %,9.0f rows/s (%,d rows in %.1f s); %s; load %s%n    %s%n", round + 1, method,
            run.rowsPerSecond(), run.rows(), run.seconds(), CpuMeter.since(before, after), Machine.load(),
            CpuMeter.jvmThreadsSince(before, after));
        if (throughProxy) {
          proxiedTotal = proxiedTotal.plus(run);
          rowsThroughProxy += run.rows();
        } else {
          directTotal = directTotal.plus(run);
        }
      }
    }
    requireRecorded(proxyMeters, rowsThroughProxy);
    return new Writes(directTotal, proxiedTotal);
  }

  /** The source holds exactly the rows inserted so far: an insert lost on either path would make this run no result. */
  private static void requireRows(MilvusSession source, long expected, String after) {
    long actual = source.catalog().countRows(WRITES);
    if (actual != expected) {
      throw new IllegalStateException("After " + after + " the source holds " + actual + " rows in " + WRITES
          + " instead of " + expected + ": this run is not a result.");
    }
  }

  /** The proxy recorded every row inserted through it, and no write it could not read. */
  private static void requireRecorded(SimpleMeterRegistry proxyMeters, long rowsThroughProxy) {
    Counter recorded = proxyMeters.find(WriteCounts.ROWS).tag("kind", "insert").counter();
    Counter unreadable = proxyMeters.find(WriteCounts.UNREADABLE).counter();
    long rows = recorded == null ? 0 : (long) recorded.count();
    long unread = unreadable == null ? 0 : (long) unreadable.count();
    if (rows != rowsThroughProxy || unread != 0) {
      throw new IllegalStateException("The proxy recorded " + rows + " inserted rows and " + unread + " unreadable"
          + " writes, not " + rowsThroughProxy + " and 0: this run is not a result.");
    }
  }

  private Searches searches(SyntheticCollection collection, MilvusSession source, String direct, String proxied,
      CpuMeter cpu) throws InterruptedException {
    out.printf("%n(2) Search latency: top-%d of %,d entities (FLAT, COSINE), %d query vectors a pass, one client%n",
        topK, searchRows, queries);
    collection.createSource(source, SEARCH_DB);
    collection.seed(source, SEARCH_DB, searchRows);
    List<BaseVector> vectors = SearchLatency.queries(queries, dim, 99);
    List<long[]> directMicros = new ArrayList<>();
    List<long[]> proxiedMicros = new ArrayList<>();
    try (SearchLatency directly = new SearchLatency(direct, SEARCH_DB, vectors, topK);
        SearchLatency throughProxy = new SearchLatency(proxied, SEARCH_DB, vectors, topK)) {
      List<List<Object>> expected = directly.pass().hits();
      requireSameHits(expected, throughProxy.pass().hits(), "the warm-up through the proxy");
      out.printf("  warm-up: one pass each way (not counted); %s%n", cpu.awaitQuietServers());
      CpuMeter.Sample before = cpu.sample();
      for (int round = 0; round < searchRounds; round++) {
        for (boolean viaProxy : round % 2 == 0 ? new boolean[] {false, true} : new boolean[] {true, false}) {
          SearchLatency.Pass pass = (viaProxy ? throughProxy : directly).pass();
          requireSameHits(expected, pass.hits(), "round " + (round + 1) + (viaProxy ? " through the proxy" : " direct"));
          (viaProxy ? proxiedMicros : directMicros).add(pass.micros());
        }
      }
      CpuMeter.Sample after = cpu.sample();
      out.printf("  %d searches each way; %s; load %s%n    %s%n", searchRounds * queries,
          CpuMeter.since(before, after), Machine.load(), CpuMeter.jvmThreadsSince(before, after));
    }
    return new Searches(Percentiles.of(flatten(directMicros)), Percentiles.of(flatten(proxiedMicros)));
  }

  private void requireSameHits(List<List<Object>> expected, List<List<Object>> actual, String pass) {
    for (int query = 0; query < expected.size(); query++) {
      if (expected.get(query).size() != topK || !expected.get(query).equals(actual.get(query))) {
        throw new IllegalStateException("Query " + query + " of " + pass + " found " + actual.get(query)
            + ", the first direct pass " + expected.get(query) + " (top " + topK + "): this run is not a result.");
      }
    }
  }

  private static long[] flatten(List<long[]> passes) {
    return passes.stream().flatMapToLong(LongStream::of).toArray();
  }

  private SyncUnderLoad.Result zeroDowntime(SyntheticCollection collection, String bootstrap,
      MilvusStandaloneServer sourceServer, MilvusStandaloneServer targetServer, String proxied) throws Exception {
    out.printf("%n(3) Zero-downtime through the proxy: %,d rows seeded through it, then %,d rows/s for %d s%n",
        seedRows, rate, seconds);
    try (MilvusSession throughProxy = MilvusConnector.connect(MilvusEndpoint.of(proxied))) {
      collection.createSource(throughProxy, ZDM_DB);
      collection.seed(throughProxy, ZDM_DB, seedRows, ZdmBenchmark.SEED_BATCH_BYTES);
      CpuMeter cpu = CpuMeter.of(sourceServer.port(), targetServer.port());
      out.printf("  %s%n", cpu.awaitQuietServers());
      JobId job = new JobId("proxy-bench-" + System.currentTimeMillis());
      CliSettings settings = CliSettings.load(null, Map.of(), Map.of("kafka.bootstrap", bootstrap,
          "kafka.topic-prefix", TOPIC_PREFIX, "source.uri", sourceServer.uri(), "target.uri", targetServer.uri()));
      JobSpec spec = JobSpecs.zeroDowntime(job.value(), IndexPolicy.AUTOINDEX, sourceServer.uri(), targetServer.uri());
      spec.setCaptureProxy(SOURCE_ID);
      try (InProcessPipeline pipeline = InProcessPipeline.start(settings, job,
          Optional.of(new InProcessPipeline.ProxyTopic(SOURCE_ID)))) {
        SyncUnderLoad.Result result = SyncUnderLoad.run(pipeline, spec,
            new SteadyWriter(collection, throughProxy, ZDM_DB, seedRows, batch), rate, Duration.ofSeconds(seconds), cpu,
            out);
        result.print(out, seedRows);
        return result;
      }
    }
  }

  private void report(Writes writes, Searches searches, SyncUnderLoad.Result zdm) {
    Percentiles lag = zdm.lag().ms();
    out.printf("%nResults (load %s)%n", Machine.load());
    out.printf("  %-52s %14s %18s %16s  %s%n", "", "direct", "through the proxy", "proxy vs direct", "goal");
    out.printf("  %-52s %,9.0f rows/s %,11.0f rows/s %15.2fx  >= %.1fx: %s%n",
        String.format("insert, %d clients x %d rows/request, dim %d", clients, batch, dim),
        writes.direct().rowsPerSecond(), writes.proxied().rowsPerSecond(), writes.ratio(), WRITE_GOAL,
        writes.ratio() >= WRITE_GOAL ? "met" : "MISSED");
    out.printf("  %-52s %11.2f ms %15.2f ms %+13.2f ms  <= +%.1f ms: %s%n",
        String.format("search p50, top-%d of %,d", topK, searchRows), searches.directMicros().percentile(50) / 1000.0,
        searches.proxiedMicros().percentile(50) / 1000.0, searches.addedMs(50), SEARCH_ADDED_P50_GOAL_MS,
        searches.addedMs(50) <= SEARCH_ADDED_P50_GOAL_MS ? "met" : "MISSED");
    out.printf("  %-52s %11.2f ms %15.2f ms %+13.2f ms%n", "search p99", searches.directMicros().percentile(99) / 1000.0,
        searches.proxiedMicros().percentile(99) / 1000.0, searches.addedMs(99));
    out.printf("  %-52s %14s %12d / %d ms %16s  p99 <= %d ms: %s%n",
        String.format("zero-downtime lag p50 / p99 at %,d rows/s", zdm.rate()), "", lag.percentile(50),
        lag.percentile(99), "", SyncUnderLoad.LAG_GOAL_MS, zdm.lagGoalMet() ? "met" : "MISSED");
  }


  private static ProxyConfig proxyConfig(String bootstrap, String source) {
    return ProxyConfig.of(Map.of(), Map.of(), Map.of("kafka.bootstrap", bootstrap, "kafka.topic-prefix", TOPIC_PREFIX,
        "source.uri", source, "proxy.listen", "127.0.0.1:0", "proxy.source-id", SOURCE_ID));
  }
}
