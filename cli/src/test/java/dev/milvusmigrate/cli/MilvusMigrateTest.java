package dev.milvusmigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parsing and validation that fail before anything connects: exit 2 and one sentence. */
class MilvusMigrateTest {

  @Test
  void helpListsTheCommandsAndTheExitCodes() {
    CliRun run = CliRun.of("--help");

    assertThat(run.exitCode()).isEqualTo(0);
    assertThat(run.out()).contains("offline", "status", "cancel", "verify", "Exit codes:",
        "2  bad input: usage, unreachable or unauthorised endpoint");
  }

  @Test
  void everySubcommandHasHelpWithTheExitCodes() {
    for (String command : new String[] {"offline", "status", "cancel", "verify"}) {
      CliRun run = CliRun.of(command, "--help");
      assertThat(run.exitCode()).isEqualTo(0);
      assertThat(run.out()).contains("Usage: milvus-migrate " + command, "3  the job was canceled");
    }
  }

  @Test
  void offlineWithoutDatabaseIsAUsageError() {
    CliRun run = CliRun.of("offline", "--source", "http://s:19530", "--target", "http://t:19530");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).startsWith("Missing required option: '--database=NAME'.");
  }

  @Test
  void unknownOptionIsAUsageError() {
    CliRun run = CliRun.of("offline", "--database", "db", "--colections", "a");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("Unknown options: '--colections', 'a'.");
  }

  @Test
  void missingSourceNamesTheOptionAndTheEnvironmentVariable() {
    CliRun run = CliRun.of("offline", "--database", "db", "--target", "http://t:19530");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().strip()).isEqualTo(
        "Missing the source address: give --source URI or set MILVUS_MIGRATE_SOURCE_URI.");
  }

  @Test
  void endpointsComeFromTheEnvironmentWhenNotGiven() {
    CliRun run = CliRun.of(Map.of("MILVUS_MIGRATE_SOURCE_URI", "http://s:19530"), "offline", "--database", "db");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().strip()).isEqualTo(
        "Missing the target address: give --target URI or set MILVUS_MIGRATE_TARGET_URI.");
  }

  @Test
  void verifyInFullWithASampleSizeIsBadInputBeforeConnecting() {
    CliRun run = CliRun.of("verify", "--full", "--sample-size", "50", "--database", "db", "--source", "http://s:1",
        "--target", "http://t:1");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().strip()).isEqualTo("--sample-size and --full exclude each other: --full compares every"
        + " entity.");
  }

  @Test
  void invalidNamesAreRejectedBeforeConnecting() {
    CliRun run = CliRun.of("offline", "--database", "my-db", "--source", "http://s:1", "--target", "http://t:1");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().strip()).isEqualTo("'my-db' given to --database is not a Milvus name: use letters, digits"
        + " and '_', starting with a letter or '_'.");
  }

  @Test
  void invalidAddressIsOneSentenceWithoutTheToken() {
    CliRun run = CliRun.of("offline", "--database", "db", "--source", "ftp://s:1", "--source-token", "s3cr3t-token",
        "--target", "http://t:1");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().strip()).isEqualTo(
        "The Milvus address 'ftp://s:1' is not valid: give it as http://host:19530 or https://host:19530.");
    assertThat(run.err() + run.out()).doesNotContain("s3cr3t-token");
  }

  @Test
  void unknownIndexPolicyIsAUsageError() {
    CliRun run = CliRun.of("offline", "--database", "db", "--index-policy", "hnsw");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("'hnsw' is not an index policy: use autoindex or copy-source");
  }

  @Test
  void unknownAutoIdChoiceIsAUsageError() {
    CliRun run = CliRun.of("offline", "--database", "db", "--auto-id", "new");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("'new' is not an --auto-id choice: use keep-keys or regenerate");
  }

  @Test
  void offlineHelpSaysWhatRegeneratedKeysCost() {
    CliRun run = CliRun.of("offline", "--help");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out().replaceAll("\\s+", " ")).contains("--auto-id=KEYS").contains("references applications hold"
        + " to the old keys break").contains("fails the collection rather than being written twice");
  }

  @Test
  void zeroDowntimeWithRegeneratedKeysIsRefusedBeforeConnecting() {
    CliRun run = CliRun.of("zdm", "--auto-id", "regenerate", "--source", "http://s:1", "--target", "http://t:1");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().strip()).isEqualTo("--auto-id regenerate works only with offline: a zero-downtime job"
        + " applies the source's deletes and upserts by the source's keys, which the target would not hold; leave"
        + " out --auto-id to keep the keys.");
  }

  @Test
  void invalidJobIdIsRejected() {
    CliRun run = CliRun.of("offline", "--database", "db", "--source", "http://s:1", "--target", "http://t:1",
        "--job-id", "bad id");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("Job id 'bad id' is invalid");
  }

  @Test
  void unknownKeyInTheConfigFileIsRejected(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("migrate.properties");
    Files.writeString(file, "source.uri=http://s:19530\nsource.tokn=abc\n");

    CliRun run = CliRun.of("offline", "--database", "db", "--config", file.toString());

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().strip()).isEqualTo("Unknown setting 'source.tokn' in the config file of milvus-migrate:"
        + " remove it or check its spelling against the documented keys.");
  }

  @Test
  void statusAndCancelNeedKafka() {
    for (String[] args : new String[][] {{"status"}, {"cancel", "job-1"}}) {
      CliRun run = CliRun.of(args);
      assertThat(run.exitCode()).isEqualTo(2);
      assertThat(run.err().strip()).isEqualTo("This command needs the Kafka the job runs on: give --kafka BOOTSTRAP"
          + " or set MILVUS_MIGRATE_KAFKA_BOOTSTRAP (an embedded broker lives only while the 'offline' or 'zdm'"
          + " command that started it runs: give the --kafka that command printed).");
    }
  }

  @Test
  void cancelWithoutAJobIsAUsageError() {
    CliRun run = CliRun.of("cancel", "--kafka", "localhost:9092");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).startsWith("Missing required parameter: 'JOB'.");
  }
}
