package dev.milvusmigrate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.milvusmigrate.cli.InProcessCli;
import dev.milvusmigrate.testkit.kafka.KafkaBroker;
import dev.milvusmigrate.testkit.milvus.ExtraMilvusLite;
import dev.milvusmigrate.testkit.milvus.LiteBinaries;
import dev.milvusmigrate.testkit.milvus.Milvus22Standalones;
import dev.milvusmigrate.testkit.milvus.MilvusLiteExtension;
import dev.milvusmigrate.testkit.milvus.MilvusLiteServer;
import dev.milvusmigrate.testkit.milvus.MilvusServer;
import dev.milvusmigrate.testkit.milvus.MilvusStandaloneExtension;
import dev.milvusmigrate.testkit.milvus.MilvusStandaloneServer;
import dev.milvusmigrate.testkit.milvus.PythonMilvusEnvironment;
import dev.milvusmigrate.testkit.milvus.StandaloneOptions;
import dev.milvusmigrate.testkit.python.PyMilvus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The version matrix: {@code milvus-migrate offline} from every server the test kit runs into
 * every one, each source filled by pymilvus with collections that together hold every field type
 * and schema feature it stores (auto-id included; {@code matrix_dataset.py}). Every collection of
 * every pair must come out exact (entity by entity and schema, as pymilvus reads both sides), or
 * with its keys kept and auto_id turned off where the report says so, or refused before anything
 * was written with a message naming the field or collection ({@link MatrixOutcome}); anything
 * else fails the test. The results are written to {@code target/version-matrix.md}.
 * Not part of {@code mvn verify}: {@code mvn -B -Pmatrix -pl e2e -am verify}.
 */
@Timeout(value = 90, unit = TimeUnit.MINUTES)
@ExtendWith({MilvusStandaloneExtension.class, MilvusLiteExtension.class})
class VersionMatrixIT {

  static final String COMMAND = "mvn -B -Pmatrix -pl e2e -am verify";
  private static final Duration SCRIPT_TIMEOUT = Duration.ofMinutes(3);
  private static final String DATABASE = "default";
  private static final Path SCRIPT = PyMilvus.script("matrix_dataset.py");
  private static final Path REPORT = Path.of("target", "version-matrix.md");
  private static final Pattern CREATED = Pattern.compile("\"collection\": \"([^\"]+)\", \"shape\": \"([^\"]+)\"");

  /** The servers of the matrix, with the dataset kind {@code matrix_dataset.py} makes for each. */
  enum Server {
    LITE_2_4_12("Lite 2.4.12", "lite-2.4"),
    LITE_2_5_1("Lite 2.5.1", "lite-2.5"),
    LITE_3_2_2("Lite 3.2.2", "lite-3"),
    MILVUS_2_2_16("Milvus 2.2.16", "milvus-2.2"),
    MILVUS_2_3_5("Milvus 2.3.5", "milvus-2.3");

    final String label;
    final String kind;

    Server(String label, String kind) {
      this.label = label;
      this.kind = kind;
    }
  }

  @Test
  void everyCollectionOfEveryPairIsExactOrRefusedBeforeAnythingIsWritten(MilvusLiteServer lite,
      MilvusStandaloneServer standalone) throws IOException {
    try (MilvusStandaloneServer secondStandalone = MilvusStandaloneServer.start(PythonMilvusEnvironment.shared(),
        StandaloneOptions.onRocksMq())) {
      Map<Server, MilvusServer> first = new EnumMap<>(Map.of(
          Server.LITE_2_4_12, LiteBinaries.get(LiteBinaries.V2_4_12, "source"),
          Server.LITE_2_5_1, LiteBinaries.get(LiteBinaries.V2_5_1, "source"),
          Server.LITE_3_2_2, lite,
          Server.MILVUS_2_2_16, Milvus22Standalones.get("source"),
          Server.MILVUS_2_3_5, standalone));
      Map<Server, MilvusServer> second = new EnumMap<>(Map.of(
          Server.LITE_2_4_12, LiteBinaries.get(LiteBinaries.V2_4_12, "target"),
          Server.LITE_2_5_1, LiteBinaries.get(LiteBinaries.V2_5_1, "target"),
          Server.LITE_3_2_2, ExtraMilvusLite.get("matrix-target"),
          Server.MILVUS_2_2_16, Milvus22Standalones.get("target"),
          Server.MILVUS_2_3_5, secondStandalone));
      VersionMatrixTable table = new VersionMatrixTable(Arrays.stream(Server.values()).map(s -> s.label).toList());

      for (Server source : Server.values()) {
        Map<String, String> shapes = fill(source, first.get(source));
        Map<String, List<String>> sourceDumps = new LinkedHashMap<>();
        shapes.keySet().forEach(collection -> sourceDumps.put(collection, dump(first.get(source), collection)));
        for (Server target : Server.values()) {
          MilvusServer targetServer = target == source ? second.get(target) : first.get(target);
          migrate(first.get(source), targetServer, shapes, sourceDumps).forEach((collection, outcome) ->
              table.add(new VersionMatrixTable.Result(source.label, target.label, shapes.get(collection), outcome)));
        }
      }

      String markdown = "Version matrix, " + Instant.now().truncatedTo(ChronoUnit.MINUTES) + ", `" + COMMAND + "`\n\n"
          + table.markdown();
      Files.createDirectories(REPORT.getParent());
      Files.writeString(REPORT, markdown);
      System.out.println(markdown);
      assertThat(table.failures()).as(markdown).isEmpty();
    }
  }

  /** Collection name to shape, as the script made them on the source. */
  private static Map<String, String> fill(Server source, MilvusServer server) {
    String prefix = Names.unique("mx_" + source.kind.replaceAll("[^a-z0-9]", ""));
    List<String> lines = script("create", server, List.of("--kind", source.kind, "--prefix", prefix));
    Map<String, String> shapes = new LinkedHashMap<>();
    for (String line : lines) {
      Matcher matcher = CREATED.matcher(line);
      if (matcher.find()) {
        shapes.put(matcher.group(1), matcher.group(2));
      }
    }
    assertThat(shapes).as("collections made on %s: %s", source.label, lines).isNotEmpty();
    return shapes;
  }

  /**
   * All collections in one job; where that job is refused with nothing written, each collection
   * alone, so that one refused collection does not hide how the others fare.
   */
  private static Map<String, MatrixOutcome> migrate(MilvusServer source, MilvusServer target,
      Map<String, String> shapes, Map<String, List<String>> sourceDumps) {
    Map<String, MatrixOutcome> outcomes = new LinkedHashMap<>();
    List<String> before = script("list", target, List.of());
    InProcessCli.Run together = offline(source, target, String.join(",", shapes.keySet()));
    List<String> afterAll = script("list", target, List.of());
    boolean refusedUntouched = together.exitCode() == 2 && afterAll.equals(before);
    for (String collection : shapes.keySet()) {
      if (!refusedUntouched) {
        List<String> copied = together.exitCode() == 0 ? dump(target, collection) : List.of();
        outcomes.put(collection, judge(collection, together, sourceDumps.get(collection), copied, before, afterAll));
        continue;
      }
      List<String> alone = script("list", target, List.of());
      InProcessCli.Run run = offline(source, target, collection);
      List<String> after = script("list", target, List.of());
      List<String> copied = run.exitCode() == 0 ? dump(target, collection) : List.of();
      outcomes.put(collection, judge(collection, run, sourceDumps.get(collection), copied, alone, after));
    }
    return outcomes;
  }

  private static MatrixOutcome judge(String collection, InProcessCli.Run run, List<String> sourceDump,
      List<String> targetDump, List<String> before, List<String> after) {
    return MatrixOutcome.judge(new MatrixOutcome.Observed(collection, run.exitCode(), run.out(), run.err(), sourceDump,
        targetDump, before, after));
  }

  private static List<String> dump(MilvusServer server, String collection) {
    return script("dump", server, List.of("--collection", collection));
  }

  private static InProcessCli.Run offline(MilvusServer source, MilvusServer target, String collections) {
    String job = Names.unique("matrix");
    return InProcessCli.run("offline", "--source", source.uri(), "--target", target.uri(), "--database", DATABASE,
        "--collections", collections, "--index-policy", "copy-source", "--job-id", job,
        "--kafka", KafkaBroker.shared().bootstrapServers(), "--topic-prefix", "e2e-" + job);
  }

  private static List<String> script(String command, MilvusServer server, List<String> args) {
    List<String> all = new ArrayList<>(List.of(command, "--uri", server.uri()));
    all.addAll(args);
    return PyMilvus.shared().run(SCRIPT, SCRIPT_TIMEOUT, all).lines().toList();
  }
}
