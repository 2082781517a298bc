package dev.milvusmigrate.exporter;

import dev.milvusmigrate.core.domain.CollectionName;
import dev.milvusmigrate.schemas.avro.CollectionPlan;
import dev.milvusmigrate.schemas.avro.CollectionSchema;

/**
 * One collection of a job's plan.
 *
 * @param rowsEstimated {@code count(*)} at planning time, or {@link #UNKNOWN_ROWS} for a collection
 *     another instance owns that is not loaded (only its owner loads it)
 * @param schema the source schema when this instance exports the collection, else null
 */
record PlannedCollection(String database, String collection, String targetDatabase, long rowsEstimated,
    CollectionSchema schema) {

  static final long UNKNOWN_ROWS = -1;

  CollectionName name() {
    return new CollectionName(database, collection);
  }

  boolean ownedHere() {
    return schema != null;
  }

  CollectionPlan toContract() {
    return new CollectionPlan(database, collection, targetDatabase, rowsEstimated);
  }
}
