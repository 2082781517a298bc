package dev.milvusmigrate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.milvusmigrate.cli.InProcessCli;
import dev.milvusmigrate.testkit.kafka.KafkaBroker;
import dev.milvusmigrate.testkit.milvus.LiteBinaries;
import dev.milvusmigrate.testkit.milvus.MilvusLiteExtension;
import dev.milvusmigrate.testkit.milvus.MilvusLiteServer;
import dev.milvusmigrate.testkit.milvus.MilvusServer;
import dev.milvusmigrate.testkit.python.PyMilvus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Milvus Lite 2.4.12 and 2.5.1 (no GetVersion, ListDatabases, partitions or aliases) as source and
 * target of {@code milvus-migrate offline} with Milvus Lite 3.2.2 on the other side. Collections are
 * made and read back with pymilvus, a client we did not write; "exact" is every entity and the
 * schema's fields as pymilvus reads them on both sides.
 */
// A pipeline that never reports an end must fail the build, not hang it.
@Timeout(value = 4, unit = TimeUnit.MINUTES)
@ExtendWith(MilvusLiteExtension.class)
class OlderLiteMigrationIT {

  private static final Duration SCRIPT_TIMEOUT = Duration.ofMinutes(2);
  private static final String DATABASE = "default";
  private static final Path SCRIPT = PyMilvus.script("lite_collections.py");

  @ParameterizedTest
  @ValueSource(strings = {LiteBinaries.V2_4_12, LiteBinaries.V2_5_1})
  void offlineFromOlderLiteIntoLite322IsExact(String version, MilvusLiteServer target) {
    MilvusServer source = LiteBinaries.get(version, "source");
    String collection = Names.unique("plain");
    List<String> create = new ArrayList<>(List.of("--collection", collection));
    if (version.equals(LiteBinaries.V2_5_1)) {
      create.add("--defaults");
    }
    script("create", source, create);

    InProcessCli.Run run = offline(source, target, collection);

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).contains("ended SUCCESSFUL").containsPattern(DATABASE + "\\." + collection + " .* passed");
    List<String> copied = script("dump", target, List.of("--collection", collection));
    assertThat(copied).hasSize(301).isEqualTo(script("dump", source, List.of("--collection", collection)));
    if (version.equals(LiteBinaries.V2_5_1)) {
      assertThat(copied.get(300)).contains("\"default\": \"long_data: 7\\n\"");
    }
  }

  @Test
  void aFloat16VectorFromLite251IsRefusedByLite322BeforeAnythingIsWritten(MilvusLiteServer target) {
    MilvusServer source = LiteBinaries.get(LiteBinaries.V2_5_1, "source");
    String collection = Names.unique("halves");
    script("create", source, List.of("--collection", collection, "--float16", "--rows", "20"));

    InProcessCli.Run run = offline(source, target, collection);

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
    assertThat(run.err()).contains("field 'half' of type FLOAT16_VECTOR", "Milvus Lite has no such type");
    assertThat(script("list", target, List.of())).doesNotContain(collection);
  }

  @Test
  void float16VectorsAndDefaultsFromLite251IntoAnotherLite251AreExact() {
    MilvusServer source = LiteBinaries.get(LiteBinaries.V2_5_1, "source");
    MilvusServer target = LiteBinaries.get(LiteBinaries.V2_5_1, "target");
    String collection = Names.unique("halves");
    script("create", source, List.of("--collection", collection, "--float16", "--defaults"));

    InProcessCli.Run run = offline(source, target, collection);

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).contains("ended SUCCESSFUL");
    List<String> copied = script("dump", target, List.of("--collection", collection));
    assertThat(copied).hasSize(301).isEqualTo(script("dump", source, List.of("--collection", collection)));
    assertThat(copied.get(0)).contains("\"half\": [\"");
  }

  @Test
  void fromLite322IntoLite251PartitionsDatabasesAndAliasesAreRefusedAndTheRestIsExact(MilvusLiteServer source) {
    MilvusServer target = LiteBinaries.get(LiteBinaries.V2_5_1, "target");
    String parted = Names.unique("parted");
    String aliased = Names.unique("aliased");
    String plain = Names.unique("plain");
    script("create", source, List.of("--collection", parted, "--partition", "--rows", "20"));
    script("create", source, List.of("--collection", aliased, "--alias", aliased + "_now", "--rows", "20"));
    script("create", source, List.of("--collection", plain, "--defaults"));

    InProcessCli.Run refused = offline(source, target, parted);

    assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(2);
    assertThat(refused.err()).contains(DATABASE + "." + parted, "it has no partitions", "CreatePartition",
        "nothing was written");
    assertThat(script("list", target, List.of())).doesNotContain(parted);

    InProcessCli.Run withAlias = offline(source, target, aliased);

    assertThat(withAlias.exitCode()).as(withAlias.toString()).isEqualTo(2);
    assertThat(withAlias.err()).contains("has no aliases (CreateAlias is UNIMPLEMENTED)",
        DATABASE + "." + aliased + " (" + aliased + "_now)", "nothing was written");
    assertThat(script("list", target, List.of())).doesNotContain(aliased);

    InProcessCli.Run otherDatabase = offline(source, target, plain, "--target-database", "other");

    assertThat(otherDatabase.exitCode()).as(otherDatabase.toString()).isEqualTo(2);
    assertThat(otherDatabase.err()).contains("has no databases but 'default'", "ListDatabases",
        "cannot hold database 'other'", "nothing was written");
    assertThat(script("list", target, List.of())).doesNotContain(plain);

    InProcessCli.Run run = offline(source, target, plain);

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).contains("ended SUCCESSFUL");
    List<String> copied = script("dump", target, List.of("--collection", plain));
    assertThat(copied).hasSize(301).isEqualTo(script("dump", source, List.of("--collection", plain)));
  }

  private static InProcessCli.Run offline(MilvusServer source, MilvusServer target, String collection,
      String... extra) {
    String job = Names.unique(collection);
    List<String> args = new ArrayList<>(List.of("offline", "--source", source.uri(), "--target", target.uri(),
        "--database", DATABASE, "--collections", collection, "--index-policy", "copy-source", "--job-id", job,
        "--kafka", KafkaBroker.shared().bootstrapServers(), "--topic-prefix", "e2e-" + job));
    args.addAll(List.of(extra));
    return InProcessCli.run(args.toArray(String[]::new));
  }

  private static List<String> script(String command, MilvusServer server, List<String> args) {
    List<String> all = new ArrayList<>(List.of(command, "--uri", server.uri()));
    all.addAll(args);
    return PyMilvus.shared().run(SCRIPT, SCRIPT_TIMEOUT, all).lines().toList();
  }
}
