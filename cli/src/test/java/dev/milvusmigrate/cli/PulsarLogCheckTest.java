package dev.milvusmigrate.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.milvusmigrate.capture.PulsarLogProbe;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PulsarLogCheckTest {

  private static final String ADMIN = "http://pulsar.example:8080";
  private static final InProcessPipeline.PulsarSourceLog LOG = new InProcessPipeline.PulsarSourceLog(
      "pulsar://pulsar.example:6650", "", "milvus/prod", "by-dev");

  @Test
  void aNamespaceListingTheSourcesDmlTopicsPasses() {
    assertThat(PulsarLogCheck.problem(new PulsarLogProbe.Topics(ADMIN,
        List.of("persistent://milvus/prod/by-dev-rootcoord-dml_0")), LOG, 3)).isEmpty();
  }

  @Test
  void noDmlTopicIsFineOnlyWhileTheSourceHasNoCollection() {
    PulsarLogProbe.Topics none = new PulsarLogProbe.Topics(ADMIN, List.of());
    assertThat(PulsarLogCheck.problem(none, LOG, 0)).isEmpty();
    assertThat(PulsarLogCheck.problem(none, LOG, 2)).contains("The source's Pulsar at " + ADMIN + " has no log"
        + " topics persistent://milvus/prod/by-dev-rootcoord-dml_*: check --source-wal-pulsar-namespace and"
        + " --source-wal-prefix (the source's pulsar.tenant/pulsar.namespace and common.chanNamePrefix.cluster), and"
        + " that the source Milvus uses Pulsar as its message queue.");
  }

  @Test
  void aRefusalNamesTheTokenVariableAndSetting() {
    for (int status : new int[] {401, 403}) {
      assertThat(PulsarLogCheck.problem(new PulsarLogProbe.Status(ADMIN, status), LOG, 1)).contains("The admin API"
          + " of the source's Pulsar at " + ADMIN + " refused to list the topics of milvus/prod (" + status + "): set"
          + " MILVUS_MIGRATE_CAPTURE_WAL_PULSAR_TOKEN (capture.wal.pulsar.token) to a token whose role may read"
          + " milvus/prod and manage its subscriptions.");
    }
  }

  @Test
  void anUnknownNamespaceNamesTheNamespaceOption() {
    assertThat(PulsarLogCheck.problem(new PulsarLogProbe.Status(ADMIN, 404), LOG, 1)).contains("The source's Pulsar"
        + " at " + ADMIN + " has no namespace milvus/prod: check --source-wal-pulsar-namespace (the source Milvus's"
        + " pulsar.tenant/pulsar.namespace).");
  }

  @Test
  void anUntrustedCertificateIsToldInTheProbesSentence() {
    String sentence = "The source's Pulsar admin API at https://pulsar.example:8443 presented a certificate capture"
        + " does not trust (PKIX path building failed): set capture.wal.pulsar.tls-trust-certs"
        + " (MILVUS_MIGRATE_CAPTURE_WAL_PULSAR_TLS_TRUST_CERTS) to a PEM file of the CA certificates that signed it.";
    assertThat(PulsarLogCheck.problem(new PulsarLogProbe.Untrusted(ADMIN, sentence), LOG, 1)).contains(sentence);
  }

  @Test
  void anyOtherAnswerNamesItsStatus() {
    assertThat(PulsarLogCheck.problem(new PulsarLogProbe.Status(ADMIN, 500), LOG, 1)).contains("The admin API of"
        + " the source's Pulsar at " + ADMIN + " answered 500 to listing the topics of milvus/prod: check"
        + " --source-wal-pulsar-admin and that this Pulsar is healthy.");
  }

  @Test
  void anAdminApiThatDoesNotAnswerFailsWithExitCode2BeforeAnythingIsCreated() {
    InProcessPipeline.PulsarSourceLog closed = new InProcessPipeline.PulsarSourceLog("pulsar://127.0.0.1:1",
        "http://127.0.0.1:1", "public/default", "by-dev");
    CliFailure failure = catchThrowableOfType(() -> PulsarLogCheck.check(closed, 1, Map.of()), CliFailure.class);
    assertThat(failure.exitCode()).isEqualTo(ExitCode.BAD_INPUT);
    assertThat(failure.getMessage()).startsWith("The admin API of the source's Pulsar at http://127.0.0.1:1 did not"
        + " answer (").endsWith("): check --source-wal-pulsar-admin (the admin REST URL of the Pulsar the source"
        + " Milvus writes its log to, its pulsar.webport; by default derived from --source-wal-pulsar) and that it is"
        + " reachable from here.");
  }

  @Test
  void theTokenGoesToTheAdminApiButNeverIntoTheSentence() {
    String token = "eyJhbGciOiJIUzI1NiJ9.secret.signature";
    InProcessPipeline.PulsarSourceLog closed = new InProcessPipeline.PulsarSourceLog("pulsar://127.0.0.1:1",
        "http://127.0.0.1:1", "public/default", "by-dev");
    CliFailure failure = catchThrowableOfType(() -> PulsarLogCheck.check(closed, 1,
        Map.of(PulsarLogCheck.TOKEN_VARIABLE, token)), CliFailure.class);
    assertThat(Optional.ofNullable(failure.getMessage())).get().asString().doesNotContain(token);
  }
}
