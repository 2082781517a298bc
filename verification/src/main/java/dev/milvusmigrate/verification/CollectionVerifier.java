package dev.milvusmigrate.verification;

import dev.milvusmigrate.core.concurrent.OwnThread;
import dev.milvusmigrate.core.domain.CollectionName;
import dev.milvusmigrate.milvus.MilvusAccessException;
import dev.milvusmigrate.milvus.MilvusSession;
import dev.milvusmigrate.milvus.Page;
import dev.milvusmigrate.milvus.PageSizer;
import dev.milvusmigrate.schemas.avro.CollectionSchema;
import dev.milvusmigrate.schemas.avro.FieldSchema;
import dev.milvusmigrate.schemas.avro.VerificationReport;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
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
 * entities (random plus highest keys) compared field by field, bit-exactly; or, {@linkplain #inFull()
 * in full}, one ascending scan of every entity's fields on both sides, compared by digest (the keys
 * whose digests differ are then read again to name the fields). {@linkplain #withRegeneratedKeys()
 * Where the target generated its own keys} (and its collection is auto-id without taking given keys,
 * {@link SchemaComparator#keysRegenerated}), every entity is compared without its key instead, the
 * two sides as multisets ({@link ContentMultiset}). Collections are loaded for the check
 * when needed, both sides at once ({@link BothLoaded}), and released again afterwards. Usable on its own
 * (CLI {@code verify}).
 */
public final class CollectionVerifier {

  private static final Logger log = LoggerFactory.getLogger(CollectionVerifier.class);

  public static final int MAX_EXAMPLES = 10;
  /** Most sampled keys read in one query; fewer where the entities are wide (see {@link PrimaryKeyScan#entityPages}). */
  static final int MAX_KEYS_PER_READ = 1_000;
  static final String AUTO_ID_OFF_FINDING = "auto_id was turned off on the target to keep the source's primary"
      + " keys; new inserts on the target must supply keys.";
  static final String KEYS_REGENERATED_FINDING = "The target generated new primary keys (--auto-id regenerate):"
      + " every entity was compared by its fields without the key, the two sides as multisets; search parity is"
      + " not checked, as search results name keys.";

  private final MilvusSession source;
  private final MilvusSession target;
  private final SampleSize sampleSize;
  private final Random random;
  private final SchemaComparator schemas;
  private final Shortcut shortcut;
  private final boolean full;
  private final boolean regeneratedKeys;

  /** A cheaper way to compare a collection's data, which may decline; the full comparison runs then. */
  public interface Shortcut {

    Shortcut NONE = (schema, targetDatabase, report) -> false;

    /** Sets counts, distinct keys, missing, unexpected and compared entities on the report, or returns false. */
    boolean compare(CollectionSchema schema, String targetDatabase, VerificationReport.Builder report);
  }

  public CollectionVerifier(MilvusSession source, MilvusSession target, SampleSize sampleSize, Random random) {
    this(source, target, sampleSize, random, Shortcut.NONE);
  }

  public CollectionVerifier(MilvusSession source, MilvusSession target, SampleSize sampleSize, Random random,
      Shortcut shortcut) {
    this(source, target, sampleSize, random, shortcut, false, false);
  }

  private CollectionVerifier(MilvusSession source, MilvusSession target, SampleSize sampleSize, Random random,
      Shortcut shortcut, boolean full, boolean regeneratedKeys) {
    this.full = full;
    this.regeneratedKeys = regeneratedKeys;
    this.shortcut = shortcut;
    this.source = source;
    this.target = target;
    this.schemas = SchemaComparator.forTarget(target.catalog()::reportsConsistencyLevel);
    this.sampleSize = sampleSize;
    this.random = random;
  }

  /** This verifier comparing every entity's fields instead of a sample (no shortcut is taken then). */
  public CollectionVerifier inFull() {
    return new CollectionVerifier(source, target, sampleSize, random, Shortcut.NONE, true, regeneratedKeys);
  }

  /**
   * This verifier for a migration whose target generated new keys for auto-id collections
   * ({@code --auto-id regenerate}): their entities are compared without keys (no shortcut is taken then).
   */
  public CollectionVerifier withRegeneratedKeys() {
    return new CollectionVerifier(source, target, sampleSize, random, shortcut, full, true);
  }

  /**
   * @param jobId the job the check belongs to, or null for a stand-alone verify
   * @param targetDatabase where the copy of {@code name} is, under the same collection name
   */
  @SuppressWarnings("try") // the resources only restore load states when closed
  public VerificationReport verify(String jobId, CollectionName name, String targetDatabase) {
    long started = System.nanoTime();
    String sourceDatabase = name.database();
    String collection = name.collection();
    CollectionName targetName = name.in(targetDatabase);
    CollectionSchema sourceSchema = source.catalog().describeCollection(name)
        .orElseThrow(() -> new MilvusAccessException(MilvusAccessException.Kind.NOT_FOUND, "Collection "
            + name + " does not exist on the source: check the database and collection names."));
    VerificationReport.Builder report = VerificationReport.newBuilder().setJobId(jobId)
        .setDatabase(sourceDatabase).setCollection(collection).setTargetDatabase(targetDatabase)
        .setSourceCount(0).setTargetCount(0).setSourceDistinctKeys(0).setTargetDistinctKeys(0)
        .setMissingInTarget(0).setUnexpectedInTarget(0).setExcessInTarget(0).setSampled(0).setMismatched(0);
    CollectionSchema targetSchema = target.catalog().describeCollection(targetName).orElse(null);
    if (targetSchema == null) {
      return report.setPassed(false).setSchemaDifferences(List.of("Collection " + targetName
          + " does not exist on the target.")).setAt(System.currentTimeMillis()).build();
    }
    List<String> differences = schemas.differences(sourceSchema, targetSchema);
    List<String> findings = new ArrayList<>(schemaFindings(sourceSchema, targetSchema));
    report.setSchemaDifferences(differences);
    boolean searchesAgree;
    long compared;
    try (BothLoaded loads = BothLoaded.load(source.catalog(), name, target.catalog(), targetName)) {
      log.debug("Verifying {}: schemas described and collections loaded in {} ms", name,
          (System.nanoTime() - started) / 1_000_000);
      searchesAgree = compareData(sourceSchema, targetSchema, sourceDatabase, targetDatabase, report, findings);
      compared = System.nanoTime();
    }
    log.debug("Verified {}: load states restored in {} ms", name, (System.nanoTime() - compared) / 1_000_000);
    boolean passed = differences.isEmpty() && report.getMissingInTarget() == 0 && report.getUnexpectedInTarget() == 0
        && report.getExcessInTarget() == 0 && report.getMismatched() == 0 && searchesAgree;
    return report.setFindings(findings).setPassed(passed).setAt(System.currentTimeMillis()).build();
  }

  /** The value, or the failure as the call would have thrown it (so retries see its kind). */
  public static <T> T joined(CompletableFuture<T> future) {
    try {
      return future.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    }
  }

  /**
   * Reads both sides under the described (source) collection name, which an alias resolves to;
   * returns whether they answer searches alike ({@link SearchParity}; not checked by a shortcut),
   * which is checked on a thread of its own while the counts, scans and sample are compared.
   */
  private boolean compareData(CollectionSchema schema, CollectionSchema targetSchema, String sourceDatabase,
      String targetDatabase, VerificationReport.Builder report, List<String> findings) {
    boolean keyless = regeneratedKeys && schemas.keysRegenerated(schema, targetSchema);
    if (!keyless && shortcut.compare(schema, targetDatabase, report)) {
      return true;
    }
    CollectionName name = new CollectionName(sourceDatabase, schema.getCollection());
    CollectionName targetName = name.in(targetDatabase);
    String pk = primaryKeyField(schema);
    long started = System.nanoTime();
    List<String> searchFindings = new ArrayList<>();
    CompletableFuture<Boolean> searched = keyless ? CompletableFuture.completedFuture(true)
        : CompletableFuture.supplyAsync(() -> searchesAgree(schema, name, targetName, searchFindings),
            OwnThread.named(Thread.currentThread().getName() + "-search"));
    KeySampler sampler = new KeySampler(full ? new SampleSize(0, 0) : sampleSize, random);
    DigestMismatches digests = new DigestMismatches(MAX_EXAMPLES);
    List<String> fields = comparedFields(schema);
    PartitionTally tally = new PartitionTally(MAX_EXAMPLES);
    CompletableFuture<Long> targetCounted = CompletableFuture.supplyAsync(
        () -> target.catalog().countRows(targetName));
    long sourceCount = source.catalog().countRows(name);
    long targetCount = joined(targetCounted);
    for (String partition : ComparedPartitions.of(schema, targetSchema)) {
      Side sourceSide = new Side(source, name, schema.getPartitions(), partition);
      Side targetSide = new Side(target, targetName, targetSchema.getPartitions(), partition);
      tally.add(partition, keyless ? compareContents(sourceSide, targetSide, pk, fields)
          : full ? compareDigests(sourceSide, targetSide, pk, fields, digests)
          : compareKeys(sourceSide, targetSide, pk, sampler));
    }
    tally.counted(sourceCount, targetCount);
    List<Object> sample = keyless ? List.of() : full ? digests.examples() : sampler.sample();
    long scanned = System.nanoTime();
    List<EntityComparator.Mismatch> mismatches = compareSample(schema, name, targetName, pk, sample);
    log.debug("Verified {}: counts and {} scans {} ms, {} {} ms", name, full ? "entity" : "key",
        (scanned - started) / 1_000_000, full ? "differing entities" : "sample", (System.nanoTime() - scanned) / 1_000_000);
    List<String> examples = new ArrayList<>(tally.examples());
    mismatches.stream().limit(MAX_EXAMPLES).map(EntityComparator.Mismatch::describe).forEach(examples::add);
    if (keyless) {
      report.setComparedInFull(true).setSampled(saturated(tally.sourceDistinct() - tally.missing())).setMismatched(0)
          .setDetectionProbability(1.0);
    } else if (full) {
      report.setComparedInFull(true).setSampled(saturated(digests.compared()))
          .setMismatched(saturated(digests.mismatched())).setDetectionProbability(1.0);
    } else {
      report.setSampled(sample.size()).setMismatched(mismatches.size())
          .setDetectionProbability(sampler.detectionProbability());
    }
    duplicateFinding("source", tally.sourceCount(), tally.sourceDistinct()).ifPresent(findings::add);
    if (tally.excessInTarget() == 0) {
      duplicateFinding("target", tally.targetCount(), tally.targetDistinct()).ifPresent(findings::add);
    }
    report.setSourceCount(tally.sourceCount()).setTargetCount(tally.targetCount())
        .setSourceDistinctKeys(tally.sourceDistinct()).setTargetDistinctKeys(tally.targetDistinct())
        .setMissingInTarget(tally.missing()).setUnexpectedInTarget(tally.unexpected())
        .setExcessInTarget(tally.excessInTarget()).setExampleKeys(examples);
    if (keyless) {
      findings.add(KEYS_REGENERATED_FINDING);
      return true;
    }
    long compared = System.nanoTime();
    boolean agree = joined(searched);
    findings.addAll(searchFindings);
    log.debug("Verified {}: search parity, checked meanwhile, waited for {} ms", name,
        (System.nanoTime() - compared) / 1_000_000);
    return agree;
  }

  /** Search parity per float-vector field, each figure a finding; a search a server refuses is said, not failed. */
  private boolean searchesAgree(CollectionSchema schema, CollectionName name, CollectionName targetName,
      List<String> findings) {
    try {
      List<SearchParity.Result> results = SearchParity.check(source, target, schema, name, targetName);
      results.stream().map(SearchParity.Result::describe).forEach(findings::add);
      return results.stream().noneMatch(SearchParity.Result::fails);
    } catch (MilvusAccessException e) {
      if (e.kind() == MilvusAccessException.Kind.UNREACHABLE || e.kind() == MilvusAccessException.Kind.RETRYABLE) {
        throw e;
      }
      findings.add("search parity not checked: " + e.getMessage());
      return true;
    }
  }

  /** Merge-compares one partition's keys of both sides; the keys both hold pass the sampler. */
  private static KeyComparison compareKeys(Side source, Side target, String pk, KeySampler sampler) {
    try (PrefetchingKeys sourceKeys = new PrefetchingKeys(source.keys(pk), "source");
        PrefetchingKeys targetKeys = new PrefetchingKeys(target.keys(pk), "target")) {
      return new KeyStreamComparator(MAX_EXAMPLES).compare(sourceKeys, targetKeys,
          key -> sampler.accept(new PartitionedKey(source.partition(), key)));
    }
  }

  /** Merge-compares one partition's entities of both sides by key, and the digests of those both hold. */
  private static KeyComparison compareDigests(Side source, Side target, String pk, List<String> fields,
      DigestMismatches digests) {
    try (PrefetchingKeys sourceEntities = new PrefetchingKeys(source.digests(pk, fields), "source");
        PrefetchingKeys targetEntities = new PrefetchingKeys(target.digests(pk, fields), "target")) {
      return new KeyStreamComparator(MAX_EXAMPLES).compare(sourceEntities, targetEntities,
          entity -> ((DigestedEntity) entity).key(),
          (s, t) -> digests.compare(source.partition(), (DigestedEntity) s, (DigestedEntity) t));
    }
  }

  /** Compares one partition's entities of both sides by their fields without the key, as multisets. */
  private static KeyComparison compareContents(Side source, Side target, String pk, List<String> fields) {
    try (PrefetchingKeys sourceEntities = new PrefetchingKeys(source.contentDigests(pk, fields), "source");
        PrefetchingKeys targetEntities = new PrefetchingKeys(target.contentDigests(pk, fields), "target")) {
      return ContentMultiset.compare(sourceEntities, targetEntities);
    }
  }

  /** The report's counts are ints: a full comparison of more entities reports the largest int. */
  private static int saturated(long count) {
    return (int) Math.min(Integer.MAX_VALUE, count);
  }

  /** A key and the partition it was compared in (null: the whole collection). */
  record PartitionedKey(String partition, Object key) {}

  /** One side of a partition's comparison; a partition that side lacks is empty there. */
  private record Side(MilvusSession session, CollectionName collection, List<String> partitions, String partition) {

    Iterator<Object> keys(String pk) {
      return partition == null || partitions.contains(partition) ? new PrimaryKeyScan(session.reader(), collection,
          partition, pk)
          : Collections.emptyIterator();
    }

    Iterator<Object> contentDigests(String pk, List<String> fields) {
      return partition == null || partitions.contains(partition) ? PrimaryKeyScan.contentDigests(session.reader(),
          collection, partition, pk, fields)
          : Collections.emptyIterator();
    }

    Iterator<Object> digests(String pk, List<String> fields) {
      return partition == null || partitions.contains(partition) ? PrimaryKeyScan.digests(session.reader(),
          collection, partition, pk, fields)
          : Collections.emptyIterator();
    }
  }

  private List<EntityComparator.Mismatch> compareSample(CollectionSchema schema, CollectionName name,
      CollectionName targetName, String pk, List<Object> sample) {
    List<String> fields = comparedFields(schema);
    EntityComparator comparator = new EntityComparator(pk);
    List<EntityComparator.Mismatch> mismatches = new ArrayList<>();
    Map<String, List<Object>> keysByPartition = new LinkedHashMap<>();
    for (Object sampled : sample) {
      PartitionedKey key = (PartitionedKey) sampled;
      keysByPartition.computeIfAbsent(key.partition(), p -> new ArrayList<>()).add(key.key());
    }
    keysByPartition.forEach((partition, keys) -> {
      keys.sort(PrimaryKeyOrder.INSTANCE);
      PageSizer pages = PrimaryKeyScan.entityPages(MAX_KEYS_PER_READ);
      for (int from = 0; from < keys.size(); ) {
        int to = Math.min(keys.size(), from + pages.rows());
        var chunk = PrimaryKeyColumns.toPrimaryKeys(pk, keys.subList(from, to));
        CompletableFuture<Page> targetRead = CompletableFuture.supplyAsync(
            () -> target.reader().readByKeys(targetName, partition, chunk, fields));
        Page sourceRows = source.reader().readByKeys(name, partition, chunk, fields);
        mismatches.addAll(comparator.compare(sourceRows, joined(targetRead)));
        pages.observe(sourceRows);
        from = to;
      }
    });
    return mismatches;
  }

  /** Every stored field ($meta included); function outputs (e.g. BM25 sparse vectors) cannot be read back. */
  public static List<String> comparedFields(CollectionSchema schema) {
    List<String> fields = new ArrayList<>(schema.getFields().stream().filter(f -> !f.getIsFunctionOutput())
        .map(FieldSchema::getName).toList());
    if (schema.getEnableDynamicField() && !fields.contains("$meta")) {
      fields.add("$meta");
    }
    return fields;
  }

  private List<String> schemaFindings(CollectionSchema sourceSchema, CollectionSchema targetSchema) {
    List<String> findings = new ArrayList<>();
    if (schemas.autoIdTurnedOff(sourceSchema, targetSchema)) {
      findings.add(AUTO_ID_OFF_FINDING);
    }
    if (schemas.consistencyLevelUnreported(sourceSchema, targetSchema)) {
      findings.add("The target describes this collection's consistency level as " + targetSchema.getConsistencyLevel()
          + ", not the source's " + sourceSchema.getConsistencyLevel() + ", as it does for every collection (found"
          + " out on a scratch collection); the level was not compared.");
    }
    schemas.elementLengthsFilledIn(sourceSchema).forEach(field -> findings.add("The source does not report the"
        + " max_length of the elements of ARRAY field '" + field + "'; the target was given "
        + SchemaComparator.LONGEST_VARCHAR + " where it needs one, so every value fits."));
    return findings;
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

  public static String primaryKeyField(CollectionSchema schema) {
    return schema.getFields().stream().filter(FieldSchema::getIsPrimaryKey).map(FieldSchema::getName).findFirst()
        .orElseThrow(() -> new IllegalStateException("Collection "
            + new CollectionName(schema.getDatabase(), schema.getCollection()) + " has no primary key field."));
  }
}
