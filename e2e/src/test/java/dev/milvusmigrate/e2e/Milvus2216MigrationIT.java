package dev.milvusmigrate.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.milvusmigrate.cli.InProcessCli;
import dev.milvusmigrate.schemas.avro.JobStage;
import dev.milvusmigrate.schemas.avro.JobState;
import dev.milvusmigrate.schemas.avro.JobStatus;
import dev.milvusmigrate.testkit.kafka.KafkaBroker;
import dev.milvusmigrate.testkit.milvus.Milvus22Environment;
import dev.milvusmigrate.testkit.milvus.Milvus22StandaloneServer;
import dev.milvusmigrate.testkit.milvus.Milvus22Standalones;
import dev.milvusmigrate.testkit.milvus.MilvusLiteExtension;
import dev.milvusmigrate.testkit.milvus.MilvusLiteServer;
import dev.milvusmigrate.testkit.milvus.MilvusServer;
import dev.milvusmigrate.testkit.milvus.MilvusStandaloneExtension;
import dev.milvusmigrate.testkit.milvus.MilvusStandaloneServer;
import dev.milvusmigrate.testkit.milvus.StandaloneOptions;
import dev.milvusmigrate.testkit.python.PyMilvus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Milvus 2.2.16 (no count(*), no Upsert, "*" reads no vectors) as source and target of
 * {@code milvus-migrate offline}, with Milvus 2.3.5 and Milvus Lite 3.2.2 on the other side, and
 * as the source of a zero-downtime job, its log on Kafka, into 2.3.5.
 * Collections hold every field type 2.2 stores and entities deleted before the copy; they are made
 * and read back with pymilvus, a client we did not write; "exact" is every entity and the
 * schema's fields as pymilvus reads them on both sides.
 */
// A pipeline that never reports an end must fail the build, not hang it.
@Timeout(value = 4, unit = TimeUnit.MINUTES)
@ExtendWith({MilvusStandaloneExtension.class, MilvusLiteExtension.class})
class Milvus2216MigrationIT {

  private static final Duration SCRIPT_TIMEOUT = Duration.ofMinutes(2);
  private static final String DATABASE = "default";
  private static final Path SCRIPT = PyMilvus.script("milvus22_collections.py");
  /** 3000 made, every tenth deleted, plus the schema line. */
  private static final int DUMP_LINES = 2701;

  @Test
  void everyTypeFrom2216IntoMilvus235IsExact(MilvusStandaloneServer target) {
    Milvus22StandaloneServer source = Milvus22Standalones.get("source");
    String scalars = Names.unique("scalars");
    String binary = Names.unique("binary");
    script("create", source, List.of("--collection", scalars));
    script("create", source, List.of("--collection", binary, "--shape", "binary"));

    InProcessCli.Run run = offline(source, target, scalars + "," + binary);

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).contains("ended SUCCESSFUL")
        .containsPattern(DATABASE + "\\." + scalars + " .* passed").containsPattern(DATABASE + "\\." + binary + " .* passed");
    assertCopied(source, target, scalars);
    assertCopied(source, target, binary);
  }

  @Test
  void everyTypeFrom2216IntoLite322IsExact(MilvusLiteServer target) {
    Milvus22StandaloneServer source = Milvus22Standalones.get("source");
    String scalars = Names.unique("scalars");
    script("create", source, List.of("--collection", scalars));

    InProcessCli.Run run = offline(source, target, scalars);

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).contains("ended SUCCESSFUL").containsPattern(DATABASE + "\\." + scalars + " .* passed");
    assertCopied(source, target, scalars);
  }

  @Test
  void from235Into2216TheTypes22StoresAreExactAndAnArrayIsRefused(MilvusStandaloneServer source) {
    Milvus22StandaloneServer target = Milvus22Standalones.get("target");
    String arrays = Names.unique("arrays");
    String scalars = Names.unique("scalars");
    script("create", source, List.of("--collection", arrays, "--shape", "array", "--rows", "20"));
    script("create", source, List.of("--collection", scalars));

    InProcessCli.Run refused = offline(source, target, arrays);

    assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(2);
    assertThat(refused.err()).contains("field 'tags' of type ARRAY (Milvus 2.3.0 and later)");
    assertThat(script("list", target, List.of())).doesNotContain(arrays);

    InProcessCli.Run run = offline(source, target, scalars);

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).contains("ended SUCCESSFUL");
    assertCopied(source, target, scalars);
  }

  @Test
  void fromLite322Into2216IsExact(MilvusLiteServer source) {
    Milvus22StandaloneServer target = Milvus22Standalones.get("target");
    String scalars = Names.unique("scalars");
    script("create", source, List.of("--collection", scalars));

    InProcessCli.Run run = offline(source, target, scalars);

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).contains("ended SUCCESSFUL");
    assertCopied(source, target, scalars);
  }

  /**
   * 2.2.16 writes its log to Kafka on one DML channel; capture follows it during the sync, and the
   * entities inserted and deleted then reach the 2.3.5 target.
   */
  @Test
  void zeroDowntimeFrom2216OnKafkaInto235IsExact(MilvusStandaloneServer target, @TempDir Path lagState)
      throws Exception {
    String scalars = Names.unique("live");
    try (Milvus22StandaloneServer source = Milvus22StandaloneServer.start(Milvus22Environment.shared(),
            StandaloneOptions.onKafka(KafkaBroker.shared().bootstrapServers()).withClusterPrefix(Names.unique("zdm22")));
        ZeroDowntimeRun run = new ZeroDowntimeRun(Names.unique("zdm22"), source.uri(), source.clusterPrefix(),
            target.uri(), lagState)) {
      script("create", source, List.of("--collection", scalars));
      run.control().submit(null);
      run.control().awaitStatus("syncing", Duration.ofMinutes(3), s -> s.getStage() == JobStage.SYNCING);

      script("change", source, List.of("--collection", scalars, "--rows", "200"));
      await("the live writes on the target").atMost(Duration.ofMinutes(1))
          .until(() -> script("dump", target, List.of("--collection", scalars)).size() == DUMP_LINES + 200 - 5);
      run.control().stopSync(true);

      JobStatus end = run.control().awaitStatus("ended after stop-sync", Duration.ofMinutes(2),
          s -> s.getState() != JobState.IN_PROGRESS);
      assertThat(end.getState()).as("%s %s", end.getReason(), end.getErrorDetails()).isEqualTo(JobState.SUCCESSFUL);
      assertThat(script("dump", target, List.of("--collection", scalars)))
          .isEqualTo(script("dump", source, List.of("--collection", scalars)));
    }
  }

  private static void assertCopied(MilvusServer source, MilvusServer target, String collection) {
    List<String> copied = script("dump", target, List.of("--collection", collection));
    assertThat(copied).hasSize(DUMP_LINES).isEqualTo(script("dump", source, List.of("--collection", collection)));
  }

  private static InProcessCli.Run offline(MilvusServer source, MilvusServer target, String collections) {
    String job = Names.unique("m2216");
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
