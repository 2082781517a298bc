package dev.milvusmigrate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.milvusmigrate.cli.InProcessCli;
import dev.milvusmigrate.testkit.kafka.KafkaBroker;
import dev.milvusmigrate.testkit.milvus.MilvusStandaloneExtension;
import dev.milvusmigrate.testkit.milvus.MilvusStandaloneServer;
import dev.milvusmigrate.testkit.milvus.PythonMilvusEnvironment;
import dev.milvusmigrate.testkit.milvus.StandaloneOptions;
import dev.milvusmigrate.testkit.python.PyMilvus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The source's indexes, as an application created them with pymilvus on Milvus 2.3.5: copied
 * exactly by {@code --index-policy copy-source} (pymilvus's {@code describe_index} of both sides
 * equal key by key, Python types included), and collections without one, which 2.3.5 cannot load
 * for reading, refused before anything is written. Target: a second Milvus 2.3.5.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
@ExtendWith(MilvusStandaloneExtension.class)
class SourceIndexesIT {

  private static final Logger LOG = LoggerFactory.getLogger(SourceIndexesIT.class);
  private static final Duration CALL = Duration.ofMinutes(3);
  private static MilvusStandaloneServer target;

  private final PyMilvus python = PyMilvus.shared();
  private final Path script = PyMilvus.script("indexes.py");

  @BeforeAll
  static void startTarget() {
    target = MilvusStandaloneServer.start(PythonMilvusEnvironment.shared(), StandaloneOptions.onRocksMq());
  }

  @AfterAll
  static void stopTarget() {
    if (target != null) {
      target.close();
    }
  }

  @Test
  void copySourceGivesTheTargetIndexesThatDescribeExactlyAsTheSourceOnes(MilvusStandaloneServer source) {
    String database = Names.unique("indexed");
    python.run(script, CALL, "create", "--uri", source.uri(), "--db", database);

    InProcessCli.Run run = OfflineRun.of(source.uri(), target.uri(), database, "--index-policy", "copy-source");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    String comparison = python.run(script, CALL, List.of("compare", "--source", source.uri(), "--target",
        target.uri(), "--db", database, "--target-db", database), 1);
    LOG.info("describe_index of both sides:\n{}", comparison);
    assertThat(comparison).contains("{\"indexes\": 5, \"equal\": true}")
        .contains("\"params.nlist\": [64, \"int\"]", "\"params.M\": [16, \"int\"]",
            "\"params.efConstruction\": [200, \"int\"]", "\"index_type\": [\"STL_SORT\", \"str\"]",
            "\"index_type\": [\"Trie\", \"str\"]", "\"M\": [\"8\", \"str\"]");
  }

  @Test
  void sourceCollectionsWithoutAnIndexAreRefusedAllNamedBeforeAnythingIsWritten(MilvusStandaloneServer source) {
    String database = Names.unique("unindexed");
    python.run(script, CALL, "create", "--uri", source.uri(), "--db", database, "--rows", "20");
    python.run(script, CALL, "unindexed", "--uri", source.uri(), "--db", database, "--names", "b_wide,c_raw",
        "--rows", "20");

    try {
      InProcessCli.Run run = OfflineRun.of(source.uri(), target.uri(), database);

      assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
      assertThat(run.err().strip()).as(run.toString()).isEqualTo("Collections " + database + ".b_wide, " + database
          + ".c_raw on the source have no index on their vector fields, so Milvus cannot load them for reading: create"
          + " an index on each (e.g. AUTOINDEX) or leave them out with --collections; nothing was written.");
      try (MilvusData data = new MilvusData(target.uri())) {
        assertThat(data.databases()).doesNotContain(database);
      }

      InProcessCli.Run zdm = InProcessCli.run("zdm", "--source", source.uri(), "--target", target.uri(),
          "--source-wal-kafka", KafkaBroker.shared().bootstrapServers(), "--kafka",
          KafkaBroker.shared().bootstrapServers(), "--topic-prefix", OfflineRun.topicPrefix(database), "--job-id",
          database);

      assertThat(zdm.exitCode()).as(zdm.toString()).isEqualTo(2);
      assertThat(zdm.err().strip()).as(zdm.toString()).isEqualTo("Collections " + database + ".b_wide, " + database
          + ".c_raw on the source have no index on their vector fields, so Milvus cannot load them for reading: create"
          + " an index on each (e.g. AUTOINDEX) before starting (a zero-downtime job copies every collection); nothing"
          + " was written.");
      try (MilvusData data = new MilvusData(target.uri())) {
        assertThat(data.databases()).doesNotContain(database);
      }
    } finally {
      // The source server is shared by this JVM's tests, and a zero-downtime job reads every database.
      try (MilvusData data = new MilvusData(source.uri())) {
        data.dropDatabase(database);
      }
    }
  }
}
