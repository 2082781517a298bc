package dev.milvusmigrate.sink;

import dev.milvusmigrate.milvus.MilvusAccessException;
import dev.milvusmigrate.milvus.MilvusSession;
import dev.milvusmigrate.milvus.TemporaryLoad;
import dev.milvusmigrate.milvus.Page;
import dev.milvusmigrate.schemas.avro.CollectionSchema;
import dev.milvusmigrate.schemas.avro.FieldSchema;
import dev.milvusmigrate.schemas.avro.VerificationReport;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.util.Optional;
import java.util.Random;

/**
 * Verifies a copied collection against its source: schema, strong {@code count(*)} on both sides,
 * distinct primary keys merge-compared in one ascending scan of the key column, and a sample of
 * entities (random plus highest keys) compared field by field, bit-exactly. Collections are loaded
 * for the check when needed and released again afterwards. Usable on its own (CLI {@code verify}).
 */
public final class CollectionVerifier {

  private static final Logger log = LoggerFactory.getLogger(CollectionVerifier.class);

  static final int MAX_EXAMPLES = 10;
  static final int KEYS_PER_READ = 100;
  static final String AUTO_ID_OFF_FINDING = "auto_id was turned off on the target to keep the source's primary"
      + " keys; new inserts on the target must supply keys.";

  private final MilvusSession source;
  private final MilvusSession target;
  private final SampleSize sampleSize;
  private final Random random;
  private final SchemaComparator schemas;
  private final Shortcut shortcut;

  /** A cheaper way to compare a collection's data, which may decline; the full comparison runs then. */
  interface Shortcut {

    Shortcut NONE = (schema, targetDatabase, report) -> false;

    /** Sets counts, distinct keys, missing, unexpected and compared entities on the report, or returns false. */
    boolean compare(CollectionSchema schema, String targetDatabase, VerificationReport.Builder report);
  }

  public CollectionVerifier(MilvusSession source, MilvusSession target, SampleSize sampleSize, Random random) {
    this(source, target, sampleSize, random, Shortcut.NONE);
  }

  CollectionVerifier(MilvusSession source, MilvusSession target, SampleSize sampleSize, Random random,
      Shortcut shortcut) {
    this.shortcut = shortcut;
    this.source = source;
    this.target = target;
    this.schemas = SchemaComparator.forTarget(target.server());
    this.sampleSize = sampleSize;
    this.random = random;
  }

  /** @param jobId the job the check belongs to, or null for a stand-alone verify */
  @SuppressWarnings("try") // the resources only restore load states when closed
  public VerificationReport verify(String jobId, String sourceDatabase, String targetDatabase, String collection) {
    long started = System.nanoTime();
    CollectionSchema sourceSchema = source.catalog().describeCollection(sourceDatabase, collection)
        .orElseThrow(() -> new MilvusAccessException(MilvusAccessException.Kind.NOT_FOUND, "Collection "
            + sourceDatabase + "." + collection + " does not exist on the source: check the database and collection"
            + " names."));
    VerificationReport.Builder report = VerificationReport.newBuilder().setJobId(jobId)
        .setDatabase(sourceDatabase).setCollection(collection).setTargetDatabase(targetDatabase)
        .setSourceCount(0).setTargetCount(0).setSourceDistinctKeys(0).setTargetDistinctKeys(0)
        .setMissingInTarget(0).setUnexpectedInTarget(0).setSampled(0).setMismatched(0);
    CollectionSchema targetSchema = target.catalog().describeCollection(targetDatabase, collection).orElse(null);
    if (targetSchema == null) {
      return report.setPassed(false).setSchemaDifferences(List.of("Collection " + targetDatabase + "." + collection
          + " does not exist on the target.")).setAt(System.currentTimeMillis()).build();
    }
    List<String> differences = schemas.differences(sourceSchema, targetSchema);
    List<String> findings = new ArrayList<>(autoIdFindings(sourceSchema, targetSchema));
    report.setSchemaDifferences(differences);
    try (TemporaryLoad s = TemporaryLoad.ensureLoaded(source.catalog(), sourceDatabase, collection);
        TemporaryLoad t = TemporaryLoad.ensureLoaded(target.catalog(), targetDatabase, collection)) {
      log.debug("Verifying {}.{}: schemas described and collections loaded in {} ms", sourceDatabase, collection,
          (System.nanoTime() - started) / 1_000_000);
      compareData(sourceSchema, sourceDatabase, targetDatabase, report, findings);
    }
    boolean passed = differences.isEmpty() && report.getMissingInTarget() == 0 && report.getUnexpectedInTarget() == 0
        && report.getMismatched() == 0;
    return report.setFindings(findings).setPassed(passed).setAt(System.currentTimeMillis()).build();
  }

  /** The value, or the failure as the call would have thrown it (so retries see its kind). */
  static <T> T joined(CompletableFuture<T> future) {
    try {
      return future.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    }
  }

  private void compareData(CollectionSchema schema, String sourceDatabase, String targetDatabase,
      VerificationReport.Builder report, List<String> findings) {
    if (shortcut.compare(schema, targetDatabase, report)) {
      return;
    }
    String collection = schema.getCollection();
    String pk = primaryKeyField(schema);
    long started = System.nanoTime();
    CompletableFuture<Long> targetCounted = CompletableFuture.supplyAsync(
        () -> target.catalog().countRows(targetDatabase, collection));
    long sourceCount = source.catalog().countRows(sourceDatabase, collection);
    long targetCount = joined(targetCounted);
    long counted = System.nanoTime();
    KeySampler sampler = new KeySampler(sampleSize, random);
    KeyComparison keys;
    try (PrefetchingKeys sourceKeys = new PrefetchingKeys(
            new PrimaryKeyScan(source.reader(), sourceDatabase, collection, pk), "source");
        PrefetchingKeys targetKeys = new PrefetchingKeys(
            new PrimaryKeyScan(target.reader(), targetDatabase, collection, pk), "target")) {
      keys = new KeyStreamComparator(MAX_EXAMPLES).compare(sourceKeys, targetKeys, sampler);
    }
    List<Object> sample = sampler.sample();
    long scanned = System.nanoTime();
    List<EntityComparator.Mismatch> mismatches = compareSample(schema, sourceDatabase, targetDatabase, pk, sample);
    log.debug("Verified {}.{}: counts {} ms, key scans {} ms, sample {} ms", sourceDatabase, collection,
        (counted - started) / 1_000_000, (scanned - counted) / 1_000_000, (System.nanoTime() - scanned) / 1_000_000);
    List<String> examples = new ArrayList<>(keys.examples());
    mismatches.stream().limit(MAX_EXAMPLES).map(EntityComparator.Mismatch::describe).forEach(examples::add);
    duplicateFinding("source", sourceCount, keys.sourceDistinct()).ifPresent(findings::add);
    duplicateFinding("target", targetCount, keys.targetDistinct()).ifPresent(findings::add);
    report.setSourceCount(sourceCount).setTargetCount(targetCount)
        .setSourceDistinctKeys(keys.sourceDistinct()).setTargetDistinctKeys(keys.targetDistinct())
        .setMissingInTarget(keys.missingInTarget()).setUnexpectedInTarget(keys.unexpectedInTarget())
        .setExampleKeys(examples).setSampled(sample.size()).setMismatched(mismatches.size());
  }

  private List<EntityComparator.Mismatch> compareSample(CollectionSchema schema, String sourceDatabase,
      String targetDatabase, String pk, List<Object> sample) {
    List<String> fields = comparedFields(schema);
    EntityComparator comparator = new EntityComparator(pk);
    List<EntityComparator.Mismatch> mismatches = new ArrayList<>();
    for (int from = 0; from < sample.size(); from += KEYS_PER_READ) {
      List<Object> chunk = sample.subList(from, Math.min(sample.size(), from + KEYS_PER_READ));
      var keys = PrimaryKeyColumns.toPrimaryKeys(pk, chunk);
      Page sourceRows = source.reader().readByKeys(sourceDatabase, schema.getCollection(), keys, fields);
      Page targetRows = target.reader().readByKeys(targetDatabase, schema.getCollection(), keys, fields);
      mismatches.addAll(comparator.compare(sourceRows, targetRows));
    }
    return mismatches;
  }

  /** Every stored field ($meta included); function outputs (e.g. BM25 sparse vectors) cannot be read back. */
  static List<String> comparedFields(CollectionSchema schema) {
    List<String> fields = new ArrayList<>(schema.getFields().stream().filter(f -> !f.getIsFunctionOutput())
        .map(FieldSchema::getName).toList());
    if (schema.getEnableDynamicField() && !fields.contains("$meta")) {
      fields.add("$meta");
    }
    return fields;
  }

  private List<String> autoIdFindings(CollectionSchema sourceSchema, CollectionSchema targetSchema) {
    if (schemas.autoIdTurnedOff(sourceSchema, targetSchema)) {
      return List.of(AUTO_ID_OFF_FINDING);
    }
    return List.of();
  }

  private static Optional<String> duplicateFinding(String side, long count, long distinct) {
    if (count <= distinct) {
      return Optional.empty();
    }
    String consequence = side.equals("source")
        ? "; queries return one entity per key, so the target holds one copy of each."
        : "; queries return one entity per key, but count(*) counts every copy.";
    return Optional.of("The " + side + " counts " + count + " rows but holds " + distinct
        + " distinct primary keys: " + (count - distinct) + " rows repeat a key that was written more than once"
        + consequence);
  }

  static String primaryKeyField(CollectionSchema schema) {
    return schema.getFields().stream().filter(FieldSchema::getIsPrimaryKey).map(FieldSchema::getName).findFirst()
        .orElseThrow(() -> new IllegalStateException("Collection " + schema.getDatabase() + "."
            + schema.getCollection() + " has no primary key field."));
  }
}
