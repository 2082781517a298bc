package dev.milvusmigrate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.milvusmigrate.cli.InProcessCli;
import dev.milvusmigrate.testkit.milvus.MilvusLiteExtension;
import dev.milvusmigrate.testkit.milvus.MilvusLiteServer;
import dev.milvusmigrate.testkit.milvus.MilvusStandaloneExtension;
import dev.milvusmigrate.testkit.milvus.MilvusStandaloneServer;
import dev.milvusmigrate.testkit.python.PyMilvus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An auto-id collection an application filled with pymilvus on Milvus Lite 3.2.2 (rows inserted
 * without keys, some rows alike but for their keys), migrated offline into Milvus 2.3.5, which
 * refuses given keys in an auto-id collection, and read back with pymilvus: with {@code --auto-id
 * regenerate} the target's key field is auto-id, holds the same entities as a multiset under new
 * keys, and takes inserts without keys (after which a verification, comparing entities without their
 * keys, finds the one the target has more); by default the source's keys are kept with auto_id turned
 * off, as the verification report says.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
@ExtendWith({MilvusStandaloneExtension.class, MilvusLiteExtension.class})
class AutoIdMigrationIT {

  private static final Duration CALL = Duration.ofMinutes(2);
  private static final int ROWS = 300;

  private final PyMilvus python = PyMilvus.shared();
  private final Path script = PyMilvus.script("auto_id.py");

  @Test
  void regeneratedKeysKeepAutoIdOnAndTheEntities(MilvusLiteServer source, MilvusStandaloneServer target) {
    String database = Names.unique("regenerated");
    python.run(script, CALL, "create", "--uri", source.uri(), "--db", database, "--rows", String.valueOf(ROWS));
    try {
      InProcessCli.Run run = OfflineRun.of(source.uri(), target.uri(), database, "--auto-id", "regenerate");

      assertThat(run.exitCode()).as(run.toString()).isZero();
      assertThat(run.out()).as(run.toString()).contains("The target generated new primary keys");
      JsonObject before = show(source.uri(), database);
      JsonObject after = show(target.uri(), database);
      assertThat(after.get("auto_id").getAsBoolean()).as("auto_id of the target's key field").isTrue();
      assertThat(after.get("count").getAsLong()).isEqualTo(ROWS).isEqualTo(before.get("count").getAsLong());
      assertThat(after.get("entities")).as("the entities but their keys, as a multiset")
          .isEqualTo(before.get("entities"));
      assertThat(after.get("keys")).as("the target's own keys").isNotEqualTo(before.get("keys"));
      JsonObject inserted = JsonParser.parseString(python.run(script, CALL, "insert", "--uri", target.uri(), "--db",
          database).strip()).getAsJsonObject();
      assertThat(inserted.get("count").getAsLong()).as("count after an insert without a key").isEqualTo(ROWS + 1);
      assertThat(inserted.getAsJsonArray("keys")).hasSize(1);
      InProcessCli.Run verify = InProcessCli.run("verify", "--source", source.uri(), "--target", target.uri(),
          "--database", database, "--auto-id", "regenerate");
      assertThat(verify.exitCode()).as("the verification of a target one entity ahead: " + verify).isEqualTo(1);
      assertThat(verify.out()).as(verify.toString()).containsPattern("notes +300 +301 +0 +1 +0/300 +FAILED");
    } finally {
      python.run(script, CALL, "drop", "--uri", target.uri(), "--db", database);
    }
  }

  @Test
  void keysAreKeptByDefaultWithAutoIdTurnedOffOnATargetThatRefusesGivenKeys(MilvusLiteServer source,
      MilvusStandaloneServer target) {
    String database = Names.unique("kept");
    python.run(script, CALL, "create", "--uri", source.uri(), "--db", database, "--rows", String.valueOf(ROWS));
    try {
      InProcessCli.Run run = OfflineRun.of(source.uri(), target.uri(), database);

      assertThat(run.exitCode()).as(run.toString()).isZero();
      assertThat(run.out()).as(run.toString()).contains("auto_id was turned off on the target to keep the source's"
          + " primary keys");
      JsonObject before = show(source.uri(), database);
      JsonObject after = show(target.uri(), database);
      assertThat(after.get("auto_id").getAsBoolean()).as("auto_id of the target's key field").isFalse();
      assertThat(after.get("keys")).as("the source's keys").isEqualTo(before.get("keys"));
      assertThat(after.get("entities")).isEqualTo(before.get("entities"));
    } finally {
      python.run(script, CALL, "drop", "--uri", target.uri(), "--db", database);
    }
  }

  private JsonObject show(String uri, String database) {
    return JsonParser.parseString(python.run(script, CALL, "show", "--uri", uri, "--db", database).strip())
        .getAsJsonObject();
  }
}
