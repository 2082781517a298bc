package dev.milvusmigrate.e2e;

import static dev.milvusmigrate.e2e.Rows.intKey;
import static dev.milvusmigrate.e2e.Rows.varchar;
import static dev.milvusmigrate.e2e.Rows.vector;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import dev.milvusmigrate.cli.InProcessCli;
import dev.milvusmigrate.testkit.milvus.MilvusLiteExtension;
import dev.milvusmigrate.testkit.milvus.MilvusLiteServer;
import dev.milvusmigrate.testkit.milvus.MilvusStandaloneServer;
import dev.milvusmigrate.testkit.milvus.PythonMilvusEnvironment;
import dev.milvusmigrate.testkit.milvus.StandaloneOptions;
import io.milvus.v2.client.ConnectConfig;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A Milvus 2.3.5 server that requires authentication, as the source and as the target: a wrong
 * password is bad input (exit 2), never shown, and nothing is written; the right one migrates.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
@ExtendWith(MilvusLiteExtension.class)
class CredentialsIT {

  private static final String WRONG_PASSWORD = "wrong-Pa55word-8812";
  private static MilvusStandaloneServer secured;
  private static String database;

  @BeforeAll
  static void startSecuredServer() {
    secured = MilvusStandaloneServer.start(PythonMilvusEnvironment.shared(),
        StandaloneOptions.onRocksMq().withAuthorization());
    database = Names.unique("auth");
    try (MilvusData data = new MilvusData(asRoot()).database(database)) {
      data.create("books", SourceDatabase.schema(false, intKey("id"), varchar("title", 32), vector("embedding", 8)));
      data.insert("books", MilvusData.rows(40, i -> {
        JsonObject row = new JsonObject();
        row.addProperty("id", (long) i);
        row.addProperty("title", "book " + i);
        row.add("embedding", Rows.vector(i, 8));
        return row;
      }));
      data.flush("books");
      data.load("books");
    }
  }

  @AfterAll
  static void stopSecuredServer() {
    secured.close();
  }

  private static ConnectConfig asRoot() {
    return ConnectConfig.builder().uri(secured.uri()).username("root").password(StandaloneOptions.ROOT_PASSWORD)
        .build();
  }

  /** Exit code 2 and one sentence naming the secured server and the credentials, the password nowhere. */
  private static void assertRefusedCredentials(InProcessCli.Run run) {
    assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
    assertThat(run.err().strip().lines().toList()).as(run.toString()).hasSize(1);
    assertThat(run.err()).contains(secured.uri(), "user and password");
    assertThat(run.everything()).doesNotContain(WRONG_PASSWORD);
  }

  @Test
  void wrongPasswordIsBadInputAndNeverShown(MilvusLiteServer target) {
    InProcessCli.Run run = OfflineRun.of(secured.uri(), target.uri(), database, "--source-user", "root",
        "--source-password", WRONG_PASSWORD);

    assertRefusedCredentials(run);
    try (MilvusData data = new MilvusData(target.uri())) {
      assertThat(data.databases()).doesNotContain(database);
    }
  }

  @Test
  void wrongTargetPasswordIsBadInputNeverShownAndWritesNothing(MilvusLiteServer liteSource) {
    String liteDatabase = Names.unique("authtarget");
    try (MilvusData data = new MilvusData(liteSource.uri()).database(liteDatabase)) {
      data.create("books", SourceDatabase.schema(false, intKey("id"), varchar("title", 32), vector("embedding", 8)));
    }

    InProcessCli.Run run = OfflineRun.of(liteSource.uri(), secured.uri(), liteDatabase, "--target-user", "root",
        "--target-password", WRONG_PASSWORD);

    assertRefusedCredentials(run);
    try (MilvusData data = new MilvusData(asRoot())) {
      assertThat(data.databases()).doesNotContain(liteDatabase);
    }
  }

  @Test
  void rightPasswordMigratesTheDatabase(MilvusLiteServer target) {
    InProcessCli.Run run = OfflineRun.of(secured.uri(), target.uri(), database, "--source-user", "root",
        "--source-password", StandaloneOptions.ROOT_PASSWORD);

    assertThat(run.exitCode()).as(run.toString()).isZero();
    try (MilvusData from = new MilvusData(asRoot()).use(database);
        MilvusData to = new MilvusData(target.uri()).use(database)) {
      to.load("books");
      new MigratedCollection(from, to, "books").hasSameSchema().hasSamePartitionsAndMembers().hasSameEntities(40);
    }
  }
}
