package dev.milvusmigrate.cli;

import dev.milvusmigrate.capture.PulsarLogProbe;
import java.util.Map;
import java.util.Optional;

/**
 * Checks before a zero-downtime job that capture can read the source's log on Pulsar: the admin
 * REST API answers, lets capture in, knows the namespace and, when the source has collections,
 * lists at least one of its DML topics {@code <prefix>-rootcoord-dml_<n>}. Nothing is created.
 */
final class PulsarLogCheck {

  static final String TOKEN_VARIABLE = "MILVUS_MIGRATE_CAPTURE_WAL_PULSAR_TOKEN";

  private PulsarLogCheck() {}

  /** @throws CliFailure (bad input, exit 2) with one sentence saying what is wrong and what to do */
  static void check(InProcessPipeline.PulsarSourceLog log, int sourceCollections, Map<String, String> env) {
    String[] tenantNamespace = log.tenantNamespace().split("/", 2);
    PulsarLogProbe.Answer answer = PulsarLogProbe.ask(log.serviceUrl(), log.adminUrl(), tenantNamespace[0],
        tenantNamespace[1], log.clusterPrefix(), env);
    problem(answer, log, sourceCollections).ifPresent(sentence -> {
      throw CliFailure.badInput(sentence);
    });
  }

  /** What is wrong with {@code answer} for a source with {@code sourceCollections} collections, if anything. */
  static Optional<String> problem(PulsarLogProbe.Answer answer, InProcessPipeline.PulsarSourceLog log,
      int sourceCollections) {
    String namespace = log.tenantNamespace();
    if (answer instanceof PulsarLogProbe.Unreachable unreachable) {
      return Optional.of("The admin API of the source's Pulsar at " + unreachable.adminUrl() + " did not answer ("
          + unreachable.why() + "): check --source-wal-pulsar-admin (the admin REST URL of the Pulsar the source"
          + " Milvus writes its log to, its pulsar.webport; by default derived from --source-wal-pulsar) and that"
          + " it is reachable from here.");
    }
    if (answer instanceof PulsarLogProbe.Untrusted untrusted) {
      return Optional.of(untrusted.sentence());
    }
    if (answer instanceof PulsarLogProbe.Status status) {
      int code = status.status();
      if (code == 401 || code == 403) {
        return Optional.of("The admin API of the source's Pulsar at " + status.adminUrl() + " refused to list the"
            + " topics of " + namespace + " (" + code + "): set " + TOKEN_VARIABLE + " (capture.wal.pulsar.token)"
            + " to a token whose role may read " + namespace + " and manage its subscriptions.");
      }
      if (code == 404) {
        return Optional.of("The source's Pulsar at " + status.adminUrl() + " has no namespace " + namespace
            + ": check --source-wal-pulsar-namespace (the source Milvus's pulsar.tenant/pulsar.namespace).");
      }
      return Optional.of("The admin API of the source's Pulsar at " + status.adminUrl() + " answered " + code
          + " to listing the topics of " + namespace + ": check --source-wal-pulsar-admin and that this Pulsar"
          + " is healthy.");
    }
    PulsarLogProbe.Topics topics = (PulsarLogProbe.Topics) answer;
    if (sourceCollections > 0 && topics.dml().isEmpty()) {
      return Optional.of("The source's Pulsar at " + topics.adminUrl() + " has no log topics persistent://"
          + namespace + "/" + log.clusterPrefix() + "-rootcoord-dml_*: check --source-wal-pulsar-namespace and"
          + " --source-wal-prefix (the source's pulsar.tenant/pulsar.namespace and common.chanNamePrefix.cluster),"
          + " and that the source Milvus uses Pulsar as its message queue.");
    }
    return Optional.empty();
  }
}
