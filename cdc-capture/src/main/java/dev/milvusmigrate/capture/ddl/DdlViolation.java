package dev.milvusmigrate.capture.ddl;

/**
 * A forbidden change seen on the source. {@code collection} is null for database operations;
 * {@code database} and {@code collection} are null for an import into a collection no view
 * knows. {@code sentence} names the operation and the collection and says what to do.
 */
public record DdlViolation(DdlOperation operation, String database, String collection, String sentence) {

  static DdlViolation of(DdlOperation operation, QualifiedName collection, String whatHappened) {
    return of(operation, collection.database(), collection.name(), whatHappened);
  }

  static DdlViolation of(DdlOperation operation, String database, String collection, String whatHappened) {
    return new DdlViolation(operation, database, collection, whatHappened
        + " on the source during the zero-downtime job (" + operation.milvusName()
        + " is not allowed while syncing): the job is failed; " + operation.advice() + ".");
  }
}
