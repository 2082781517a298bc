package dev.milvusmigrate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.milvusmigrate.cli.InProcessCli;
import dev.milvusmigrate.core.domain.MilvusEndpoint;
import dev.milvusmigrate.testkit.milvus.MilvusLiteExtension;
import dev.milvusmigrate.testkit.milvus.MilvusLiteServer;
import dev.milvusmigrate.testkit.milvus.MilvusStandaloneExtension;
import dev.milvusmigrate.testkit.milvus.MilvusStandaloneServer;
import dev.milvusmigrate.testkit.python.PyMilvus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The aliases an application created with pymilvus on Milvus 2.3.5, created by an offline job for
 * the migrated collections in the target database (renamed with --target-database) as pymilvus's
 * list_aliases shows them on the Milvus Lite target, and an alias name another collection holds
 * on the target refused before anything is written.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
@ExtendWith({MilvusStandaloneExtension.class, MilvusLiteExtension.class})
class AliasesIT {

  private static final Duration CALL = Duration.ofMinutes(3);

  private final PyMilvus python = PyMilvus.shared();
  private final Path script = PyMilvus.script("aliases.py");

  @Test
  void everyAliasOfAMigratedCollectionPointsAtItInTheTargetDatabase(MilvusStandaloneServer source,
      MilvusLiteServer target) {
    String database = Names.unique("aliased");
    String targetDatabase = Names.unique("renamed");
    python.run(script, CALL, "create", "--uri", source.uri(), "--db", database);
    try {
      InProcessCli.Run run = OfflineRun.of(source.uri(), target.uri(), database, "--target-database", targetDatabase);

      assertThat(run.exitCode()).as(run.toString()).isZero();
      assertThat(run.out()).contains(database + ".e_idx: note: aliases on the target: " + targetDatabase + ".e_alias, "
          + targetDatabase + ".e_latest.", database + ".d_parts: note: aliases on the target: " + targetDatabase
          + ".d_alias.");
      assertThat(python.run(script, CALL, "show", "--uri", target.uri(), "--db", targetDatabase).strip())
          .isEqualTo("{\"d_alias\": \"d_parts\", \"e_alias\": \"e_idx\", \"e_latest\": \"e_idx\"}");
    } finally {
      dropEverywhere(source, target, database, targetDatabase);
    }
  }

  @Test
  void anAliasHeldByAnotherCollectionOnTheTargetIsRefusedBeforeAnythingIsWritten(MilvusStandaloneServer source,
      MilvusLiteServer target) {
    String database = Names.unique("aliased");
    String targetDatabase = Names.unique("occupied");
    python.run(script, CALL, "create", "--uri", source.uri(), "--db", database);
    python.run(script, CALL, "take", "--uri", target.uri(), "--db", targetDatabase, "--collection", "older",
        "--alias", "e_alias");
    try {
      InProcessCli.Run run = OfflineRun.of(source.uri(), target.uri(), database, "--target-database", targetDatabase);

      assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
      assertThat(run.err().strip()).as(run.toString()).isEqualTo("Alias " + targetDatabase + ".e_alias (an alias of"
          + " collection older) on the target " + MilvusEndpoint.of(target.uri()).label() + " is already taken, so the source's alias of that"
          + " name cannot point at the migrated collection there: drop or rename it on the target or choose another"
          + " --target-database; nothing was written.");
      try (MilvusData data = new MilvusData(target.uri()).use(targetDatabase)) {
        assertThat(data.collections()).containsExactly("older");
      }
      assertThat(python.run(script, CALL, "show", "--uri", target.uri(), "--db", targetDatabase).strip())
          .isEqualTo("{\"e_alias\": \"older\"}");
    } finally {
      dropEverywhere(source, target, database, targetDatabase);
    }
  }

  /** The source server is shared by this JVM's tests, and a zero-downtime job reads every database. */
  private void dropEverywhere(MilvusStandaloneServer source, MilvusLiteServer target, String database,
      String targetDatabase) {
    python.run(script, CALL, "drop", "--uri", source.uri(), "--db", database);
    python.run(script, CALL, "drop", "--uri", target.uri(), "--db", targetDatabase);
  }
}
