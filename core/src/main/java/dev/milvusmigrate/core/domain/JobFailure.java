package dev.milvusmigrate.core.domain;

/**
 * A service cannot continue a job and retrying will not help; it becomes a {@code JobFailed}
 * event. The message is one sentence saying what is wrong and what to do, without credentials;
 * database and collection say what it concerns when it concerns one.
 */
public final class JobFailure extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String database;
  private final String collection;

  public JobFailure(String reason, String database, String collection, Throwable cause) {
    super(reason, cause);
    this.database = database;
    this.collection = collection;
  }

  public JobFailure(String reason, String database, String collection) {
    this(reason, database, collection, null);
  }

  public String database() {
    return database;
  }

  public String collection() {
    return collection;
  }
}
