package dev.milvusmigrate.cli;

import dev.milvusmigrate.core.domain.CollectionName;
import dev.milvusmigrate.core.domain.MilvusEndpoint;
import dev.milvusmigrate.milvus.MilvusConnector;
import dev.milvusmigrate.milvus.MilvusSession;
import dev.milvusmigrate.schemas.avro.VerificationReport;
import dev.milvusmigrate.verification.CollectionVerifier;
import dev.milvusmigrate.verification.SampleSize;
import java.security.SecureRandom;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "verify", mixinStandardHelpOptions = true, footer = ExitCode.FOOTER,
    description = "Compares collections of the source and the target (schema, distinct primary keys, sampled"
        + " entities field by field, or every entity with --full) and prints a table, what each comparison would"
        + " have found, and a sentence per failure; exits 0 when all match, 1 otherwise.")
final class VerifyCommand extends CliCommand {

  @Mixin
  MilvusOptions milvus;

  @Mixin
  ScopeOptions scope;

  @Option(names = "--sample-size", paramLabel = "N",
      description = "Random entities per collection compared field by field (default: as many as find a difference in"
          + " 0.1 %% of the entities with 99 %% probability, at most 4,603).")
  Integer sampleSize;

  @Option(names = "--full", description = "Compare every entity's fields (by a digest, streamed in pages) instead of"
      + " a sample.")
  boolean full;

  @Option(names = "--auto-id", paramLabel = "KEYS", converter = AutoIdOption.Converter.class,
      description = "How the migration treated the keys of auto-id collections: keep-keys (default; entities are"
      + " compared by key) or regenerate (the target generated new keys: every entity is compared by its fields"
      + " without the key, the two sides as multisets).")
  AutoIdOption autoId = AutoIdOption.keep_keys;

  @Override
  public Integer call() {
    scope.check();
    if (sampleSize != null && sampleSize < 0) {
      throw CliFailure.badInput("--sample-size must be 0 or more.");
    }
    if (sampleSize != null && full) {
      throw CliFailure.badInput("--sample-size and --full exclude each other: --full compares every entity.");
    }
    CliSettings settings = root.settings(kafka, milvus.overrides());
    MilvusEndpoint source = settings.source();
    MilvusEndpoint target = settings.target();
    String targetDb = scope.targetDatabaseOrSame();
    try (MilvusSession sourceSession = MilvusConnector.connect(source);
        MilvusSession targetSession = MilvusConnector.connect(target)) {
      List<String> names = Preflight.collections(sourceSession, source, scope.database, scope.collections);
      CollectionVerifier sampling = new CollectionVerifier(sourceSession, targetSession,
          new SampleSize(sampleSize == null ? SampleSize.FITTED : sampleSize, SampleSize.defaults().highest()),
          new SecureRandom());
      CollectionVerifier compared = full ? sampling.inFull() : sampling;
      CollectionVerifier verifier = autoId == AutoIdOption.regenerate ? compared.withRegeneratedKeys() : compared;
      List<VerificationReport> reports = names.stream()
          .map(collection -> verifier.verify(null, new CollectionName(scope.database, collection), targetDb)).toList();
      out().print(VerificationTable.render(reports));
      return VerificationTable.allPassed(reports) ? ExitCode.SUCCESSFUL : ExitCode.FAILED;
    }
  }

}
