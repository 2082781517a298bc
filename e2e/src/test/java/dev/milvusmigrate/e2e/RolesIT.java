package dev.milvusmigrate.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.milvusmigrate.cli.InProcessCli;
import dev.milvusmigrate.testkit.milvus.MilvusLiteExtension;
import dev.milvusmigrate.testkit.milvus.MilvusLiteServer;
import dev.milvusmigrate.testkit.milvus.MilvusStandaloneServer;
import dev.milvusmigrate.testkit.milvus.PythonMilvusEnvironment;
import dev.milvusmigrate.testkit.milvus.StandaloneOptions;
import dev.milvusmigrate.testkit.python.PyMilvus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --with-rbac} between two Milvus 2.3.5 servers with authentication on: roles, grants and
 * memberships set up by an administrator with pymilvus arrive, renamed into the target database;
 * a created user logs in with the password from the file and may search, and no password is
 * printed; users are listed when no password file is given; a target without roles is refused
 * before anything is written.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
@ExtendWith(MilvusLiteExtension.class)
class RolesIT {

  private static final Duration CALL = Duration.ofMinutes(2);
  private static final String ROOT = "root:" + StandaloneOptions.ROOT_PASSWORD;
  private static final String SOURCE_PASSWORD = "Source-Pa55-417";
  private static MilvusStandaloneServer source;
  private static MilvusStandaloneServer target;

  private final PyMilvus python = PyMilvus.shared();
  private final Path script = PyMilvus.script("rbac.py");

  @TempDir
  Path folder;

  @BeforeAll
  static void startSecuredServers() {
    source = MilvusStandaloneServer.start(PythonMilvusEnvironment.shared(), StandaloneOptions.onRocksMq().withAuthorization());
    target = MilvusStandaloneServer.start(PythonMilvusEnvironment.shared(), StandaloneOptions.onRocksMq().withAuthorization());
  }

  @AfterAll
  static void stopSecuredServers() {
    if (source != null) {
      source.close();
    }
    if (target != null) {
      target.close();
    }
  }

  @Test
  void rolesGrantsAndMembershipsArriveRenamedAndACreatedUserCanSearchWithItsFilePassword() throws Exception {
    String database = Names.unique("roles");
    String alice = Names.unique("alice");
    String bob = Names.unique("bob");
    python.run(script, CALL, "setup", "--uri", source.uri(), "--db", database, "--users",
        alice + ":reader," + bob + ":reader+writer", "--password", SOURCE_PASSWORD);
    python.run(script, CALL, "user", "--uri", target.uri(), "--name", alice, "--password", "Target-Pa55-99");
    Path passwords = folder.resolve("passwords.tsv");

    InProcessCli.Run run = offline(database, "--target-database", database + "_v2", "--load", "--with-rbac",
        "--rbac-password-file", passwords.toString());

    assertThat(run.exitCode()).as(run.toString()).isZero();
    JsonObject from = dump(source, database);
    JsonObject to = dump(target, database + "_v2");
    assertThat(to.get("grants")).isEqualTo(from.get("grants"));
    assertThat(to.getAsJsonObject("users").get(alice).toString()).isEqualTo("[\"reader\"]");
    assertThat(to.getAsJsonObject("users").get(bob).toString()).isEqualTo("[\"reader\",\"writer\"]");
    Map<String, String> created = Files.readAllLines(passwords).stream().map(line -> line.split("\t"))
        .collect(Collectors.toMap(fields -> fields[0], fields -> fields[1]));
    assertThat(created.keySet()).as("users created with a generated password").contains(bob).doesNotContain(alice);
    assertThat(created.values().stream().anyMatch(run.everything()::contains))
        .as("a generated password appears in the command's output").isFalse();
    assertThat(run.everything()).doesNotContain(SOURCE_PASSWORD)
        .contains("user " + bob + ": created with a generated password (in " + passwords)
        .contains("user " + alice + ": already on the target, added to reader");
    String searched = python.run(script, CALL, "search", "--uri", target.uri(), "--db", database + "_v2", "--user", bob,
        "--password-file", passwords.toString());
    assertThat(searched.strip()).isEqualTo("{\"ok\": 3, \"rows\": 5}");
  }

  @Test
  void withoutAPasswordFileMissingUsersAreListedWithTheirRolesAndNotCreated() {
    String database = Names.unique("listed");
    String carol = Names.unique("carol");
    python.run(script, CALL, "setup", "--uri", source.uri(), "--db", database, "--users", carol + ":writer",
        "--password", SOURCE_PASSWORD);

    InProcessCli.Run run = offline(database, "--with-rbac");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).contains("user " + carol + ": not on the target and not created (passwords cannot be read"
        + " from the source): create it, then add it to writer");
    assertThat(dump(target, database).getAsJsonObject("users").has(carol)).isFalse();
    assertThat(dump(target, database).get("grants")).isEqualTo(dump(source, database).get("grants"));
  }

  @Test
  void aTargetWithoutRolesIsRefusedBeforeAnythingIsWritten(MilvusLiteServer lite) {
    String database = Names.unique("norbac");
    python.run(script, CALL, "setup", "--uri", source.uri(), "--db", database, "--users", Names.unique("dave")
        + ":reader", "--password", SOURCE_PASSWORD);

    InProcessCli.Run run = OfflineRun.of(source.uri(), lite.uri(), database, "--source-user", "root",
        "--source-password", StandaloneOptions.ROOT_PASSWORD, "--with-rbac");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
    assertThat(run.err().strip()).as(run.toString()).isEqualTo("--with-rbac: the target " + lite.uri()
        + " keeps no roles (Milvus Lite has no RBAC): leave out --with-rbac.");
    try (MilvusData data = new MilvusData(lite.uri())) {
      assertThat(data.databases()).doesNotContain(database);
    }
  }

  private InProcessCli.Run offline(String database, String... extra) {
    List<String> args = new java.util.ArrayList<>(List.of("--source-user", "root", "--source-password",
        StandaloneOptions.ROOT_PASSWORD, "--target-user", "root", "--target-password", StandaloneOptions.ROOT_PASSWORD));
    args.addAll(List.of(extra));
    return OfflineRun.of(source.uri(), target.uri(), database, args.toArray(String[]::new));
  }

  private JsonObject dump(MilvusStandaloneServer server, String database) {
    String line = python.run(script, CALL, "dump", "--uri", server.uri(), "--token", ROOT, "--db", database).strip();
    return JsonParser.parseString(line.lines().reduce((first, last) -> last).orElseThrow()).getAsJsonObject();
  }
}
