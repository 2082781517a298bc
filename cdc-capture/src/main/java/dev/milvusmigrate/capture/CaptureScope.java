package dev.milvusmigrate.capture;

import dev.milvusmigrate.schemas.avro.JobSpec;
import java.util.Set;

/**
 * Which source collections a job captures: a zero-downtime job that names no database takes
 * everything, including databases and collections created after it started; a job that names a
 * database (and optionally collections) takes only those, and only their DDL concerns it.
 */
record CaptureScope(String database, Set<String> collections) {

  static CaptureScope of(JobSpec spec) {
    return new CaptureScope(spec.getDatabase(), Set.copyOf(spec.getCollections()));
  }

  boolean includes(ResolvedCollection collection) {
    return concerns(collection.database(), collection.collection());
  }

  /**
   * Whether a change of the database (a null collection: the database itself) or of a collection
   * in it concerns the job; one the source could not name (null database) concerns every job.
   */
  boolean concerns(String changedDatabase, String changedCollection) {
    if (database == null || changedDatabase == null) {
      return true;
    }
    return database.equals(changedDatabase)
        && (collections.isEmpty() || changedCollection == null || collections.contains(changedCollection));
  }
}
