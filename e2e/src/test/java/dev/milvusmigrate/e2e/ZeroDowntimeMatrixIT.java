package dev.milvusmigrate.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.milvusmigrate.cli.InProcessCli;
import dev.milvusmigrate.core.domain.JobId;
import dev.milvusmigrate.core.domain.TopicNames;
import dev.milvusmigrate.kafka.KafkaClients;
import dev.milvusmigrate.kafka.TopicProvisioner;
import dev.milvusmigrate.schemas.avro.JobStage;
import dev.milvusmigrate.testkit.kafka.KafkaBroker;
import dev.milvusmigrate.testkit.milvus.Milvus22Environment;
import dev.milvusmigrate.testkit.milvus.LiteBinaries;
import dev.milvusmigrate.testkit.milvus.Milvus22StandaloneServer;
import dev.milvusmigrate.testkit.milvus.Milvus22Standalones;
import dev.milvusmigrate.testkit.milvus.MilvusLiteExtension;
import dev.milvusmigrate.testkit.milvus.MilvusLiteServer;
import dev.milvusmigrate.testkit.milvus.MilvusServer;
import dev.milvusmigrate.testkit.milvus.MilvusStandaloneExtension;
import dev.milvusmigrate.testkit.milvus.MilvusStandaloneServer;
import dev.milvusmigrate.testkit.milvus.PythonMilvusEnvironment;
import dev.milvusmigrate.testkit.milvus.StandaloneOptions;
import dev.milvusmigrate.testkit.python.PyMilvus;
import dev.milvusmigrate.testkit.python.PyMilvusWorkload;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The version matrix's zero-downtime cells: {@code milvus-migrate zdm} from each server whose log
 * the tool reads (Milvus 2.2.16 and 2.3.5 standalone, their log on Kafka) into Milvus Lite 2.5.1
 * and 3.2.2, Milvus 2.2.16 and 2.3.5. The source holds {@code matrix_dataset.py}'s collections for its release (200
 * entities each, every tenth deleted); once the job syncs, a pymilvus writer inserts, deletes and
 * (on 2.3.5) upserts in every collection until it is stopped; then stop-sync. Each collection must
 * come out as {@link MatrixOutcome} judges the offline cells: exact entity by entity and schema
 * (auto_id off where the report says so), or refused before anything was written. A zero-downtime
 * job copies every collection of the source, so a refused collection is dropped from the source
 * and the job run again with the rest. Results go to {@code target/version-matrix-zdm.md}.
 * In the matrix profile: {@code mvn -B -Pmatrix -pl e2e -am verify}.
 */
@Timeout(value = 60, unit = TimeUnit.MINUTES)
@ExtendWith({MilvusStandaloneExtension.class, MilvusLiteExtension.class})
class ZeroDowntimeMatrixIT {

  private static final Duration SCRIPT_TIMEOUT = Duration.ofMinutes(3);
  private static final Duration TO_SYNC = Duration.ofMinutes(4);
  private static final Duration TO_END = Duration.ofMinutes(6);
  private static final int ROWS = 200;
  /** Writer operations (an insert, a delete or an upsert call) made during the sync before stop-sync. */
  private static final int LIVE_OPERATIONS = 60;
  private static final Path SCRIPT = PyMilvus.script("matrix_dataset.py");
  private static final Path REPORT = Path.of("target", "version-matrix-zdm.md");
  private static final Pattern CREATED = Pattern.compile("\"collection\": \"([^\"]+)\", \"shape\": \"([^\"]+)\"");

  /** A source of the zero-downtime cells: its dataset kind and how to start it with its log on Kafka. */
  private record Source(String label, String kind, boolean upserts, Function<String, LogSource> start) {}

  /** A source server started for these cells, with the cluster prefix of its log's topics. */
  private record LogSource(MilvusServer server, String clusterPrefix, AutoCloseable stop) {}

  @Test
  void everyCollectionSyncedUnderLiveWritesIsExactOrRefusedBeforeAnythingIsWritten(MilvusLiteServer lite,
      MilvusStandaloneServer standalone, @TempDir Path writers) throws Exception {
    String bootstrap = KafkaBroker.shared().bootstrapServers();
    List<Source> sources = List.of(
        new Source("Milvus 2.2.16 on Kafka", "milvus-2.2", false, prefix -> {
          Milvus22StandaloneServer server = Milvus22StandaloneServer.start(Milvus22Environment.shared(),
              StandaloneOptions.onKafka(bootstrap).withClusterPrefix(prefix));
          return new LogSource(server, server.clusterPrefix(), server);
        }),
        new Source("Milvus 2.3.5 on Kafka", "milvus-2.3", true, prefix -> {
          MilvusStandaloneServer server = MilvusStandaloneServer.start(PythonMilvusEnvironment.shared(),
              StandaloneOptions.onKafka(bootstrap).withClusterPrefix(prefix));
          return new LogSource(server, server.clusterPrefix(), server);
        }));
    Map<String, MilvusServer> targets = new LinkedHashMap<>();
    targets.put("Lite 2.5.1", LiteBinaries.get(LiteBinaries.V2_5_1, "target"));
    targets.put("Lite 3.2.2", lite);
    targets.put("Milvus 2.2.16", Milvus22Standalones.get("target"));
    targets.put("Milvus 2.3.5", standalone);
    VersionMatrixTable table = new VersionMatrixTable(sources.stream().map(Source::label).toList(),
        List.copyOf(targets.keySet()));
    Instant started = Instant.now();

    for (Source source : sources) {
      LogSource log = source.start().apply(Names.unique("zmx"));
      try (AutoCloseable stop = log.stop()) {
        for (Map.Entry<String, MilvusServer> target : targets.entrySet()) {
          new Cell(source, log, target.getValue(), writers).run().forEach((shape, outcome) ->
              table.add(new VersionMatrixTable.Result(source.label(), target.getKey(), shape, outcome)));
        }
      }
    }

    String markdown = "Version matrix, zero-downtime cells, " + Instant.now().truncatedTo(ChronoUnit.MINUTES) + " ("
        + Duration.between(started, Instant.now()).toSeconds() + " s), `" + VersionMatrixIT.COMMAND + "`\n\n"
        + table.markdown();
    Files.createDirectories(REPORT.getParent());
    Files.writeString(REPORT, markdown);
    System.out.println(markdown);
    assertThat(table.failures()).as(markdown).isEmpty();
  }

  /** One source × target cell: the source filled afresh, zdm jobs until one syncs or none is left, the source emptied. */
  private record Cell(Source source, LogSource log, MilvusServer target, Path writers) {

    /** Shape to outcome. */
    Map<String, MatrixOutcome> run() throws Exception {
      Map<String, String> remaining = fill();
      Map<String, List<String>> sourceDumps = new LinkedHashMap<>();
      Map<String, MatrixOutcome> outcomes = new LinkedHashMap<>();
      try {
        while (!remaining.isEmpty()) {
          remaining.keySet().forEach(collection -> sourceDumps.computeIfAbsent(collection, c -> dump(log.server(), c)));
          Job job = new Job(Names.unique("zmx"));
          List<String> before = script("list", target, List.of());
          CompletableFuture<InProcessCli.Run> zdm = CompletableFuture.supplyAsync(job::zdm);
          boolean syncing = job.awaitSyncOrEnd(zdm);
          if (syncing) {
            writeDuringTheSync(remaining.keySet());
            job.control().stopSync(true);
          }
          InProcessCli.Run run = job.awaitEnd(zdm);
          job.control().close();
          List<String> after = script("list", target, List.of());
          if (run.exitCode() == 2 && after.equals(before)) {
            String refused = remaining.keySet().stream().filter(run.err()::contains).findFirst().orElse(null);
            if (refused != null) {
              outcomes.put(remaining.remove(refused), judge(refused, run, sourceDumps, before, after));
              script("drop", log.server(), List.of("--collection", refused));
              continue;
            }
          }
          for (String collection : remaining.keySet()) {
            List<String> copied = run.exitCode() == 0 ? dump(target, collection) : List.of();
            outcomes.put(remaining.get(collection), MatrixOutcome.judge(new MatrixOutcome.Observed(collection,
                run.exitCode(), run.out(), run.err(), dump(log.server(), collection), copied, before, after)));
          }
          remaining.clear();
        }
      } finally {
        script("drop", log.server(), List.of());
      }
      return outcomes;
    }

    /** Collection name to shape, as the script made them on the source. */
    private Map<String, String> fill() {
      String prefix = Names.unique("mz_" + source.kind().replaceAll("[^a-z0-9]", ""));
      List<String> lines = script("create", log.server(), List.of("--kind", source.kind(), "--prefix", prefix,
          "--rows", Integer.toString(ROWS)));
      Map<String, String> shapes = new LinkedHashMap<>();
      for (String line : lines) {
        Matcher matcher = CREATED.matcher(line);
        if (matcher.find()) {
          shapes.put(matcher.group(1), matcher.group(2));
        }
      }
      assertThat(shapes).as("collections made on %s: %s", source.label(), lines).isNotEmpty();
      return shapes;
    }

    private static MatrixOutcome judge(String collection, InProcessCli.Run run, Map<String, List<String>> sourceDumps,
        List<String> before, List<String> after) {
      return MatrixOutcome.judge(new MatrixOutcome.Observed(collection, run.exitCode(), run.out(), run.err(),
          sourceDumps.get(collection), List.of(), before, after));
    }

    /** A pymilvus application writes to every collection until it made {@link #LIVE_OPERATIONS}, then stops. */
    private void writeDuringTheSync(Set<String> collections) {
      List<String> args = new ArrayList<>(List.of("write", "--uri", log.server().uri(), "--collections",
          String.join(",", collections), "--rows", Integer.toString(ROWS)));
      if (source.upserts()) {
        args.add("--upsert");
      }
      try (PyMilvusWorkload.Writer writer = PyMilvusWorkload.Writer.start(Names.unique("zmx"), SCRIPT, writers, args)) {
        writer.awaitOperations(LIVE_OPERATIONS, Duration.ofMinutes(2));
        writer.stop();
      }
    }

    /** One zdm job run by the command line in this JVM, followed and stopped through its Kafka topics. */
    private final class Job {

      private final String id;
      private final TopicNames topics;
      private final JobControl control;

      Job(String id) {
        this.id = id;
        this.topics = new TopicNames("e2e-" + id);
        String bootstrap = KafkaBroker.shared().bootstrapServers();
        new TopicProvisioner(new KafkaClients(bootstrap, Map.of()), topics, (short) 1).ensureSharedTopics();
        this.control = new JobControl(bootstrap, topics, new JobId(id), log.server().uri(), target.uri());
      }

      JobControl control() {
        return control;
      }

      InProcessCli.Run zdm() {
        String bootstrap = KafkaBroker.shared().bootstrapServers();
        return InProcessCli.run("zdm", "--source", log.server().uri(), "--target", target.uri(), "--source-wal-kafka",
            bootstrap, "--source-wal-prefix", log.clusterPrefix(), "--index-policy", "copy-source", "--job-id", id,
            "--kafka", bootstrap, "--topic-prefix", topics.prefix());
      }

      /** The command's run; a job that does not end fails the test with the stacks of the job's threads. */
      InProcessCli.Run awaitEnd(CompletableFuture<InProcessCli.Run> zdm) throws Exception {
        try {
          return zdm.get(TO_END.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
          StringBuilder stacks = new StringBuilder();
          Thread.getAllStackTraces().forEach((thread, frames) -> {
            if (thread.getName().contains(id)) {
              stacks.append(thread.getName()).append('\n');
              Arrays.stream(frames).limit(40).forEach(frame -> stacks.append("    at ").append(frame).append('\n'));
            }
          });
          throw new AssertionError("Job " + id + " did not end within " + TO_END + " of stop-sync; its threads:\n"
              + stacks, e);
        }
      }

      /** True once the job syncs; false when the command ended first (refused or failed). */
      boolean awaitSyncOrEnd(CompletableFuture<InProcessCli.Run> zdm) {
        await("job " + id + " syncing or ended").atMost(TO_SYNC).until(() -> zdm.isDone()
            || (control.newestStatus() != null && control.newestStatus().getStage() == JobStage.SYNCING));
        return !zdm.isDone();
      }
    }
  }

  private static List<String> dump(MilvusServer server, String collection) {
    return script("dump", server, List.of("--collection", collection));
  }

  private static List<String> script(String command, MilvusServer server, List<String> args) {
    List<String> all = new ArrayList<>(List.of(command, "--uri", server.uri()));
    all.addAll(args);
    return PyMilvus.shared().run(SCRIPT, SCRIPT_TIMEOUT, all).lines().toList();
  }
}
