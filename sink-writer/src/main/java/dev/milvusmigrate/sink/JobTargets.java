package dev.milvusmigrate.sink;

import dev.milvusmigrate.core.domain.CollectionName;
import dev.milvusmigrate.core.domain.JobFailure;
import dev.milvusmigrate.milvus.MilvusCatalog;
import dev.milvusmigrate.schemas.avro.AutoIdKeys;
import dev.milvusmigrate.schemas.avro.CollectionSchema;
import dev.milvusmigrate.schemas.avro.JobMode;
import dev.milvusmigrate.schemas.avro.JobSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a job's rows go on the target: the target database of each source database, and target
 * collections made ready for source schemas under the job's index policy, with retries. A
 * zero-downtime job's collections keep gaining partitions while it syncs, so for those an existing
 * collection may differ in its partitions ({@link TargetPreparer#prepareForSync}).
 */
final class JobTargets {

  private static final Logger log = LoggerFactory.getLogger(JobTargets.class);

  private final JobSpec job;
  private final TargetPreparer preparer;
  private final TargetRetrier retrier;
  private final MilvusCatalog catalog;

  JobTargets(JobSpec job, TargetPreparer preparer, TargetRetrier retrier, MilvusCatalog catalog) {
    this.job = job;
    this.catalog = catalog;
    this.preparer = preparer;
    this.retrier = retrier;
  }

  String database(String sourceDatabase) {
    return job.getTargetDatabase() != null ? job.getTargetDatabase() : sourceDatabase;
  }

  /** Where the job writes {@code source}: the same collection in its target database. */
  CollectionName target(CollectionName source) {
    return source.in(database(source.database()));
  }

  /** Returns true when it created the target collection, empty; false when it already existed. */
  boolean prepare(CollectionSchema schema) {
    String target = database(schema.getDatabase());
    CollectionName source = source(schema);
    if (job.getMode() == JobMode.ZERO_DOWNTIME && job.getAutoIdKeys() == AutoIdKeys.REGENERATE) {
      throw new JobFailure("A zero-downtime job cannot have the target generate new keys: it applies the source's"
          + " deletes and upserts by the source's keys; submit it with auto_id_keys KEEP.", source.database(),
          source.collection());
    }
    return retrier.call("preparing the target for " + source.qualified(), source,
        () -> job.getMode() == JobMode.ZERO_DOWNTIME
            ? preparer.prepareForSync(schema, target, job.getIndexPolicy())
            : preparer.prepare(schema, target, job.getIndexPolicy(), job.getAutoIdKeys()), () -> { });
  }

  /**
   * Makes the target collection ready and, if it can, loaded: a zero-downtime job keeps its
   * collections loaded while it syncs, so the verification at stop-sync does not wait for a load
   * (the job's load policy applies once it is verified). A failed load does not fail the job, as
   * writes do not need it: the verification loads what it reads (e.g. a load refused by a target
   * still starting up after a restart).
   */
  void prepareLoaded(CollectionSchema schema) {
    prepare(schema);
    CollectionName target = target(source(schema));
    String name = target.qualified();
    try {
      retrier.run("loading " + name + " on the target", source(schema), () -> {
        if (!catalog.isLoaded(target)) {
          catalog.load(target);
        }
      });
    } catch (JobFailure e) {
      log.warn("{} is not loaded on the target ({}); the verification at stop-sync will load it.", name,
          e.getMessage());
    }
  }

  static CollectionName source(CollectionSchema schema) {
    return new CollectionName(schema.getDatabase(), schema.getCollection());
  }
}
