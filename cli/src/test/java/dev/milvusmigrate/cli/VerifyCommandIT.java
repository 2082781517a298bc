package dev.milvusmigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.milvusmigrate.testkit.milvus.MilvusLiteExtension;
import dev.milvusmigrate.testkit.milvus.MilvusLiteServer;
import dev.milvusmigrate.testkit.milvus.PythonMilvusEnvironment;
import dev.milvusmigrate.testkit.python.PyMilvus;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code verify} as a user runs it ({@code main} in its own JVM) between two real Milvus Lite
 * servers filled alike with pymilvus, after one target entity was changed with pymilvus: the
 * default sample states what it would have found, {@code --full} finds the entity and names it.
 */
@ExtendWith(MilvusLiteExtension.class)
class VerifyCommandIT {

  private static final int ROWS = 5_000;
  private static final long CHANGED_KEY = 4_321;
  private static final Duration CALL = Duration.ofMinutes(3);
  private static MilvusLiteServer target;

  private final PyMilvus python = PyMilvus.shared();

  @BeforeAll
  static void startTarget() {
    target = MilvusLiteServer.start(PythonMilvusEnvironment.shared());
  }

  @AfterAll
  static void stopTarget() {
    target.close();
  }

  @Test
  void fullVerificationNamesTheOneChangedEntityAndTheDefaultSampleStatesItsGuarantee(MilvusLiteServer source)
      throws URISyntaxException {
    String database = "verify_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    Path entities = Path.of(VerifyCommandIT.class.getResource("entities.py").toURI());
    for (MilvusLiteServer server : new MilvusLiteServer[] {source, target}) {
      python.run(entities, CALL, "create", "--uri", server.uri(), "--db", database, "--collection", "items",
          "--rows", String.valueOf(ROWS));
    }
    String[] verify = {"verify", "--source", source.uri(), "--target", target.uri(), "--database", database};
    String[] verifyFull = {"verify", "--full", "--source", source.uri(), "--target", target.uri(), "--database",
        database};

    CliRun sampled = CliRun.asProcess(verify);
    assertThat(sampled.exitCode()).as(sampled.out() + sampled.err()).isEqualTo(ExitCode.SUCCESSFUL);
    assertThat(sampled.out()).contains("DIFFER/COMPARED").containsPattern(Pattern.quote(database)
        + "\\.items: sampled 3,0[0-2]\\d of 5,000: differences in >= 0\\.1 % would have been found with 99 %"
        + " probability\\.\n");
    CliRun fullBefore = CliRun.asProcess(verifyFull);
    assertThat(fullBefore.exitCode()).as(fullBefore.out() + fullBefore.err()).isEqualTo(ExitCode.SUCCESSFUL);
    assertThat(fullBefore.out()).contains(database + ".items: compared all 5,000 entities both sides hold, field by"
        + " field.\n");

    python.run(entities, CALL, "upsert", "--uri", target.uri(), "--db", database, "--collection", "items", "--key",
        String.valueOf(CHANGED_KEY));
    CliRun full = CliRun.asProcess(verifyFull);

    assertThat(full.exitCode()).as(full.out() + full.err()).isEqualTo(ExitCode.FAILED);
    assertThat(full.out()).containsPattern(Pattern.quote(database) + "\\.items .* 5000 .* 5000 .* 1/5000 +FAILED")
        .contains(database + ".items: 1 of 5000 compared entities differ (e.g. keys mismatched: " + CHANGED_KEY
            + " (embedding))\n", database + ".items: compared all 5,000 entities both sides hold, field by field.\n");
  }
}
