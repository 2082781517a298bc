package dev.milvusmigrate.sink;

import dev.milvusmigrate.schemas.avro.CollectionSchema;
import dev.milvusmigrate.schemas.avro.JobMode;
import dev.milvusmigrate.schemas.avro.JobSpec;

/**
 * Where a job's rows go on the target: the target database of each source database, and target
 * collections made ready for source schemas under the job's index policy, with retries. A
 * zero-downtime job's collections keep gaining partitions while it syncs, so for those an existing
 * collection may differ in its partitions ({@link TargetPreparer#prepareForSync}).
 */
final class JobTargets {

  private final JobSpec job;
  private final TargetPreparer preparer;
  private final TargetRetrier retrier;

  JobTargets(JobSpec job, TargetPreparer preparer, TargetRetrier retrier) {
    this.job = job;
    this.preparer = preparer;
    this.retrier = retrier;
  }

  String database(String sourceDatabase) {
    return job.getTargetDatabase() != null ? job.getTargetDatabase() : sourceDatabase;
  }

  /** Returns true when it created the target collection, empty; false when it already existed. */
  boolean prepare(CollectionSchema schema) {
    String target = database(schema.getDatabase());
    return retrier.call("preparing the target for " + name(schema.getDatabase(), schema.getCollection()),
        schema.getDatabase(), schema.getCollection(), () -> job.getMode() == JobMode.ZERO_DOWNTIME
            ? preparer.prepareForSync(schema, target, job.getIndexPolicy())
            : preparer.prepare(schema, target, job.getIndexPolicy()), () -> { });
  }

  static String name(String database, String collection) {
    return database + "." + collection;
  }
}
