package dev.milvusmigrate.sink;

import dev.milvusmigrate.core.domain.CollectionName;
import dev.milvusmigrate.milvus.MilvusCatalog;
import dev.milvusmigrate.schemas.avro.CollectionSchema;
import dev.milvusmigrate.schemas.avro.JobSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The source collections a job covers as they are now: for a zero-downtime job every collection of
 * every database (including those created while it synced), else the job's database and named
 * collections. Verified at the end of a sync, so a collection the stream never wrote to is
 * checked (and created empty on the target) too.
 */
final class JobCollections {

  private final JobSpec job;
  private final MilvusCatalog source;

  JobCollections(JobSpec job, MilvusCatalog source) {
    this.job = job;
    this.source = source;
  }

  List<CollectionSchema> schemas() {
    List<CollectionSchema> schemas = new ArrayList<>();
    List<String> databases = job.getDatabase() == null ? source.listDatabases() : List.of(job.getDatabase());
    for (String database : databases) {
      for (String collection : source.listCollections(database)) {
        if (job.getCollections().isEmpty() || job.getCollections().contains(collection)) {
          source.describeCollection(new CollectionName(database, collection)).ifPresent(schemas::add);
        }
      }
    }
    return schemas;
  }
}
