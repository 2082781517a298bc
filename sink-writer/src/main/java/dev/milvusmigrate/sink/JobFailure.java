package dev.milvusmigrate.sink;

/**
 * The sink cannot continue a job; becomes a {@code JobFailed} event. The message is one sentence
 * saying what is wrong and what to do, without credentials.
 */
final class JobFailure extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String database;
  private final String collection;

  JobFailure(String database, String collection, String message, Throwable cause) {
    super(message, cause);
    this.database = database;
    this.collection = collection;
  }

  String database() {
    return database;
  }

  String collection() {
    return collection;
  }
}
