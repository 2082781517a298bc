package dev.milvusmigrate.capture;

import dev.milvusmigrate.schemas.avro.JobSpec;
import java.util.Set;

/**
 * Which source collections a job captures: a zero-downtime job names no database and takes
 * everything, including databases and collections created after it started; a job that names a
 * database (and optionally collections) takes only those.
 */
record CaptureScope(String database, Set<String> collections) {

  static CaptureScope of(JobSpec spec) {
    return new CaptureScope(spec.getDatabase(), Set.copyOf(spec.getCollections()));
  }

  boolean includes(ResolvedCollection collection) {
    if (database == null) {
      return true;
    }
    return database.equals(collection.database())
        && (collections.isEmpty() || collections.contains(collection.collection()));
  }
}
