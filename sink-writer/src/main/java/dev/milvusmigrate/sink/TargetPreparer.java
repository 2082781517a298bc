package dev.milvusmigrate.sink;

import dev.milvusmigrate.core.domain.CollectionName;
import dev.milvusmigrate.core.domain.JobFailure;
import dev.milvusmigrate.milvus.IndexSpec;
import dev.milvusmigrate.milvus.MilvusAccessException;
import dev.milvusmigrate.milvus.MilvusSession;
import dev.milvusmigrate.schemas.avro.AutoIdKeys;
import dev.milvusmigrate.schemas.avro.CollectionSchema;
import dev.milvusmigrate.schemas.avro.IndexPolicy;
import dev.milvusmigrate.verification.SchemaComparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Makes the target ready for a collection's snapshot: creates the database if missing and the
 * collection with the source's schema, partitions and vector indexes; a collection that already
 * exists must have the same schema (a resumed job) or the job fails naming every difference.
 * Safe to repeat: missing indexes of an existing collection are created.
 */
final class TargetPreparer {

  private final MilvusSession source;
  private final MilvusSession target;
  private final SchemaComparator comparator;
  private final VectorIndexPlanner planner = new VectorIndexPlanner();

  TargetPreparer(MilvusSession source, MilvusSession target) {
    this.source = source;
    this.target = target;
    this.comparator = SchemaComparator.forTarget(target.catalog()::reportsConsistencyLevel);
  }

  /**
   * Returns true when it created the collection, empty; false when the collection already existed.
   *
   * @param keys whether an auto-id collection keeps the source's keys or the target generates new ones
   */
  boolean prepare(CollectionSchema sourceSchema, String targetDatabase, IndexPolicy policy, AutoIdKeys keys) {
    return prepare(sourceSchema, targetDatabase, policy, keys, false);
  }

  /**
   * As {@link #prepare}, for a collection that keeps changing while a zero-downtime job syncs: an
   * existing collection may have partitions the schema does not list (mutations create partitions
   * as they arrive, and a replayed schema may be older than they are), and gets the listed ones it
   * lacks.
   */
  boolean prepareForSync(CollectionSchema sourceSchema, String targetDatabase, IndexPolicy policy) {
    return prepare(sourceSchema, targetDatabase, policy, AutoIdKeys.KEEP, true);
  }

  private boolean prepare(CollectionSchema sourceSchema, String targetDatabase, IndexPolicy policy, AutoIdKeys keys,
      boolean syncing) {
    String collection = sourceSchema.getCollection();
    if (!target.catalog().listDatabases().contains(targetDatabase)) {
      target.catalog().createDatabase(targetDatabase);
    }
    Optional<CollectionSchema> existing = target.catalog().describeCollection(
        new CollectionName(targetDatabase, collection));
    Set<String> indexed = Set.of();
    if (existing.isPresent()) {
      if (syncing) {
        requireSameSchemaAndPartitions(sourceSchema, existing.get(), targetDatabase);
      } else {
        requireSameSchema(sourceSchema, existing.get(), targetDatabase);
      }
      indexed = indexedFields(targetDatabase, collection);
    } else {
      target.catalog().createCollection(targetDatabase,
          TargetSchemas.forTarget(sourceSchema, targetDatabase, keys,
              target.catalog()::keepsKeysInsertedIntoAutoIdCollections));
    }
    for (IndexSpec index : planner.plan(sourceSchema, sourceIndexes(sourceSchema), policy)) {
      if (!indexed.contains(index.fieldName())) {
        target.catalog().createIndex(new CollectionName(targetDatabase, collection), index);
      }
    }
    return existing.isEmpty();
  }

  private void requireSameSchema(CollectionSchema sourceSchema, CollectionSchema existing, String targetDatabase) {
    List<String> differences = comparator.differences(sourceSchema, existing);
    if (!differences.isEmpty()) {
      String listed = differences.stream().map(TargetPreparer::withoutFinalPeriod).collect(Collectors.joining("; "));
      throw new JobFailure("Target collection " + targetDatabase + "." + sourceSchema.getCollection()
          + " exists with a different schema: " + listed + "; drop it or choose another --target-database.",
          sourceSchema.getDatabase(), sourceSchema.getCollection());
    }
  }

  /** The schema but the partitions must match; then the target gets the schema's partitions it lacks. */
  private void requireSameSchemaAndPartitions(CollectionSchema sourceSchema, CollectionSchema existing,
      String targetDatabase) {
    List<String> targetPartitions = existing.getPartitions();
    requireSameSchema(CollectionSchema.newBuilder(sourceSchema).setPartitions(targetPartitions).build(), existing,
        targetDatabase);
    sourceSchema.getPartitions().stream().filter(partition -> !targetPartitions.contains(partition)).forEach(
        partition -> target.catalog().createPartition(new CollectionName(targetDatabase, sourceSchema.getCollection()),
            partition));
  }

  /** Fields already indexed on an existing target collection (a resumed job may have stopped before indexing). */
  private Set<String> indexedFields(String targetDatabase, String collection) {
    return target.catalog().listIndexes(new CollectionName(targetDatabase, collection)).stream()
        .map(IndexSpec::fieldName)
        .collect(Collectors.toSet());
  }

  private List<IndexSpec> sourceIndexes(CollectionSchema sourceSchema) {
    try {
      return source.catalog().listIndexes(new CollectionName(sourceSchema.getDatabase(), sourceSchema.getCollection()));
    } catch (MilvusAccessException e) {
      if (e.kind() == MilvusAccessException.Kind.NOT_FOUND) {
        return List.of();
      }
      throw e;
    }
  }

  private static String withoutFinalPeriod(String sentence) {
    return sentence.endsWith(".") ? sentence.substring(0, sentence.length() - 1) : sentence;
  }
}
