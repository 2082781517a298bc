package dev.milvusmigrate.e2e;

import static dev.milvusmigrate.e2e.Rows.field;
import static dev.milvusmigrate.e2e.Rows.intKey;
import static dev.milvusmigrate.e2e.Rows.varchar;
import static dev.milvusmigrate.e2e.Rows.vector;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.milvusmigrate.cli.InProcessCli;
import dev.milvusmigrate.testkit.milvus.MilvusLiteExtension;
import dev.milvusmigrate.testkit.milvus.MilvusLiteServer;
import dev.milvusmigrate.testkit.milvus.MilvusStandaloneExtension;
import dev.milvusmigrate.testkit.milvus.MilvusStandaloneServer;
import io.milvus.v2.common.DataType;
import io.milvus.v2.service.collection.request.AddFieldReq;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Input the user must fix ends {@code offline} with exit code 2 and one sentence naming the
 * problem, before anything is written to the target. Source: Milvus Lite; target: Milvus 2.3.5.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
@ExtendWith({MilvusLiteExtension.class, MilvusStandaloneExtension.class})
class BadInputIT {

  @Test
  void targetCollectionWithAShorterVarcharIsBadInputNamingTheDifference(MilvusLiteServer source,
      MilvusStandaloneServer target) {
    String database = Names.unique("conflict");
    createSource(source, database);
    List<AddFieldReq> conflicting = new ArrayList<>(bookFields());
    conflicting.set(1, varchar("title", 32));
    createTargetBooks(target, database, conflicting);

    InProcessCli.Run run = OfflineRun.of(source.uri(), target.uri(), database);

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
    assertThat(run.err().strip().lines().toList()).as(run.toString()).hasSize(1);
    assertThat(run.err()).contains(database + ".books", "'title'", "max_length", "64", "32");
    assertTargetUntouched(target, database, 32);
  }

  @Test
  void targetCollectionMissingAFieldIsBadInputNamingTheField(MilvusLiteServer source, MilvusStandaloneServer target) {
    String database = Names.unique("missingfield");
    createSource(source, database);
    List<AddFieldReq> withoutYear = new ArrayList<>(bookFields());
    withoutYear.removeIf(f -> f.getFieldName().equals("year"));
    createTargetBooks(target, database, withoutYear);

    InProcessCli.Run run = OfflineRun.of(source.uri(), target.uri(), database);

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
    assertThat(run.err().strip().lines().toList()).as(run.toString()).hasSize(1);
    assertThat(run.err()).contains(database + ".books", "'year'");
    assertTargetUntouched(target, database, 64);
  }

  @Test
  void unknownCollectionIsBadInputAndCreatesNothingOnTheTarget(MilvusLiteServer source,
      MilvusStandaloneServer target) {
    String database = Names.unique("unknown");
    createSource(source, database);

    InProcessCli.Run run = OfflineRun.of(source.uri(), target.uri(), database, "--collections", "books,ghosts");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
    assertThat(run.err().strip()).isEqualTo("Collection 'ghosts' does not exist in database '" + database
        + "' on the source " + source.uri() + ": check --collections.");
    try (MilvusData data = new MilvusData(target.uri())) {
      assertThat(data.databases()).doesNotContain(database);
    }
  }

  @Test
  void unreachableTargetIsBadInputAndLeavesTheSourceAsItWas(MilvusLiteServer source) throws Exception {
    String database = Names.unique("unreachable");
    createSource(source, database);
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }

    InProcessCli.Run run = OfflineRun.of(source.uri(), "http://127.0.0.1:" + closedPort, database,
        "--target-token", "never-shown-token");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
    assertThat(run.err().strip().lines().toList()).as(run.toString()).hasSize(1);
    assertThat(run.err()).contains("127.0.0.1:" + closedPort);
    assertThat(run.everything()).doesNotContain("never-shown-token");
    try (MilvusData data = new MilvusData(source.uri()).use(database)) {
      assertThat(data.collections()).containsExactlyInAnyOrder("books", "authors");
    }
  }

  @Test
  void aFieldTheTargetVersionLacksIsBadInputNamingCollectionFieldAndVersion(MilvusLiteServer source,
      MilvusStandaloneServer target) {
    String database = Names.unique("lacking");
    createSource(source, database);
    try (MilvusData data = new MilvusData(source.uri()).use(database)) {
      data.create("notes", SourceDatabase.schema(false, intKey("id"),
          field("note", DataType.VarChar).maxLength(16).isNullable(true).build(), vector("embedding", 8)));
    }

    InProcessCli.Run run = OfflineRun.of(source.uri(), target.uri(), database);

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
    assertThat(run.err().strip()).as(run.toString()).isEqualTo("Collection " + database + ".notes on the source uses"
        + " nullable field 'note' (Milvus 2.5.0 and later), which the target " + target.uri() + " (v2.3.5-lite)"
        + " cannot hold: upgrade the target or leave the collection out with --collections.");
    try (MilvusData data = new MilvusData(target.uri())) {
      assertThat(data.databases()).doesNotContain(database);
    }
  }

  @Test
  void httpsAgainstAPlainTextTargetIsBadInputSayingTheServerDoesNotSpeakTls(MilvusLiteServer source,
      MilvusStandaloneServer target) {
    String database = Names.unique("tls");
    createSource(source, database);
    String https = target.uri().replace("http://", "https://");

    InProcessCli.Run run = OfflineRun.of(source.uri(), https, database);

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
    assertThat(run.err().strip().lines().toList()).as(run.toString()).hasSize(1);
    assertThat(run.err().strip()).isEqualTo("Milvus at " + https + " does not speak TLS (its answer is not a TLS"
        + " record): use " + target.uri() + " if the server has no TLS, or check the port.");
    try (MilvusData data = new MilvusData(target.uri())) {
      assertThat(data.databases()).doesNotContain(database);
    }
  }

  private static List<AddFieldReq> bookFields() {
    return List.of(intKey("id"), varchar("title", 64), field("year", DataType.Int32).build(), vector("embedding", 8));
  }

  /** books (5 rows) and authors (3 rows) in a new source database. */
  private static void createSource(MilvusLiteServer source, String database) {
    try (MilvusData data = new MilvusData(source.uri()).database(database)) {
      data.create("books", SourceDatabase.schema(false, bookFields()));
      data.insert("books", MilvusData.rows(5, i -> {
        JsonObject row = new JsonObject();
        row.addProperty("id", (long) i);
        row.addProperty("title", "book " + i);
        row.addProperty("year", 2000 + i);
        row.add("embedding", Rows.vector(i, 8));
        return row;
      }));
      data.create("authors", SourceDatabase.schema(false, intKey("id"), varchar("name", 32), vector("embedding", 8)));
      data.insert("authors", MilvusData.rows(3, i -> {
        JsonObject row = new JsonObject();
        row.addProperty("id", (long) i);
        row.addProperty("name", "author " + i);
        row.add("embedding", Rows.vector(i, 8));
        return row;
      }));
      data.flush("books");
      data.flush("authors");
    }
  }

  private static void createTargetBooks(MilvusStandaloneServer target, String database, List<AddFieldReq> fields) {
    try (MilvusData data = new MilvusData(target.uri()).database(database)) {
      data.create("books", SourceDatabase.schema(false, fields));
    }
  }

  /** Only the pre-created, still empty books collection, with its own schema; authors was not created. */
  private static void assertTargetUntouched(MilvusStandaloneServer target, String database, int titleLength) {
    try (MilvusData data = new MilvusData(target.uri()).use(database)) {
      assertThat(data.collections()).containsExactly("books");
      assertThat(MigratedCollection.field(data.describe("books"), "title").getMaxLength()).isEqualTo(titleLength);
      data.load("books");
      assertThat(data.count("books")).isZero();
    }
  }
}
