package dev.milvusmigrate.exporter;

/**
 * The exporter cannot continue a job and retrying will not help; becomes a {@code JobFailed}.
 * The message is one sentence saying what is wrong and what to do, without credentials.
 */
final class ExportFailure extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String database;
  private final String collection;

  ExportFailure(String reason, String database, String collection, Throwable cause) {
    super(reason, cause);
    this.database = database;
    this.collection = collection;
  }

  ExportFailure(String reason, String database, String collection) {
    this(reason, database, collection, null);
  }

  String database() {
    return database;
  }

  String collection() {
    return collection;
  }
}
