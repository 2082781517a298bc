package dev.milvusmigrate.cli;

import dev.milvusmigrate.core.domain.CollectionName;
import dev.milvusmigrate.milvus.MilvusAccessException;
import dev.milvusmigrate.milvus.MilvusSession;
import dev.milvusmigrate.schemas.avro.CollectionSchema;
import dev.milvusmigrate.verification.SchemaComparator;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * What a target server cannot keep of a source collection, found by asking it rather than by its
 * version: a scratch collection of the same shape (fields, dimensions, field names, a collection
 * name as long, partitions, num_partitions, properties) is created in the target's default
 * database, read back, compared as verification would compare the migrated one, and dropped. A
 * refusal (a dimension, field count or name length over the target's limit) or a difference (Milvus
 * Lite 3.2.2 makes 17 partitions of every partition-key collection, whatever num_partitions asks)
 * is what would otherwise fail the job after every entity was written.
 */
final class TargetShapeProbe {

  private static final String DATABASE = "default";
  private static final String PREFIX = "milvus_migrate_probe_";

  private final MilvusSession target;
  private final SecureRandom random = new SecureRandom();

  TargetShapeProbe(MilvusSession target) {
    this.target = target;
  }

  /** Why the target cannot hold the collection as the source has it, or empty when it can. */
  Optional<String> cannotKeep(CollectionSchema source) {
    CollectionName scratch = new CollectionName(DATABASE, scratchName(source.getCollection().length()));
    try {
      target.catalog().createCollection(DATABASE, CollectionSchema.newBuilder(source).setDatabase(DATABASE)
          .setCollection(scratch.collection())
          .setFields(source.getFields().stream().map(SchemaComparator::creatable).toList()).build());
      CollectionSchema kept = CollectionSchema.newBuilder(target.catalog().describeCollection(scratch).orElseThrow())
          .setDatabase(source.getDatabase()).setCollection(source.getCollection()).build();
      List<String> differences = SchemaComparator.forTarget(target.catalog()::reportsConsistencyLevel).differences(source, kept);
      return differences.isEmpty() ? Optional.empty()
          : Optional.of(String.join("; ", differences.stream().map(TargetShapeProbe::withoutPeriod).toList()));
    } catch (MilvusAccessException e) {
      if (e.isRetryable() || e.kind() == MilvusAccessException.Kind.UNAUTHENTICATED) {
        throw e;
      }
      return Optional.of("the target refuses it: " + e.reason());
    } finally {
      target.catalog().dropCollection(scratch);
    }
  }

  /** A fresh name at least as long as the source collection's, so that a shorter name limit shows. */
  private String scratchName(int sourceLength) {
    byte[] suffix = new byte[4];
    random.nextBytes(suffix);
    StringBuilder name = new StringBuilder(PREFIX).append(HexFormat.of().formatHex(suffix));
    while (name.length() < sourceLength) {
      name.append('_');
    }
    return name.toString();
  }

  private static String withoutPeriod(String sentence) {
    return sentence.endsWith(".") ? sentence.substring(0, sentence.length() - 1) : sentence;
  }
}
