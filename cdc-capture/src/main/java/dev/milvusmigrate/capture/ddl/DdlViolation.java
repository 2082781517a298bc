package dev.milvusmigrate.capture.ddl;

import dev.milvusmigrate.core.domain.CollectionName;

/**
 * A forbidden change seen on the source. {@code collection} is null for database operations;
 * {@code database} and {@code collection} are null for an import into a collection no view
 * knows. {@code sentence} names the operation and the collection and says what to do.
 */
public record DdlViolation(DdlOperation operation, String database, String collection, String sentence) {

  static DdlViolation of(DdlOperation operation, CollectionName collection, String whatHappened) {
    return of(operation, collection.database(), collection.collection(), whatHappened);
  }

  static DdlViolation of(DdlOperation operation, String database, String collection, String whatHappened) {
    return new DdlViolation(operation, database, collection, whatHappened
        + " on the source during the zero-downtime job (" + operation.milvusName()
        + " is not allowed while syncing): the job is failed; " + operation.advice() + ".");
  }
}
