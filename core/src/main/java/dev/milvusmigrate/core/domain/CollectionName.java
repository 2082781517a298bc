package dev.milvusmigrate.core.domain;

import java.util.Comparator;
import java.util.Objects;

/**
 * A collection (or an alias, which Milvus accepts wherever a collection name goes) within its
 * database, shown as {@code database.collection} in logs, messages, meter tags and the MDC.
 * Blank names are not refused here: what Milvus and the Avro records carry is passed on as is.
 */
public record CollectionName(String database, String collection) implements Comparable<CollectionName> {

  private static final Comparator<CollectionName> ORDER =
      Comparator.comparing(CollectionName::database).thenComparing(CollectionName::collection);

  public CollectionName {
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(collection, "collection");
  }

  /** The same collection in another database, as a job with a target database writes it. */
  public CollectionName in(String otherDatabase) {
    return new CollectionName(otherDatabase, collection);
  }

  /** {@code database.collection}. */
  public String qualified() {
    return database + "." + collection;
  }

  @Override
  public int compareTo(CollectionName other) {
    return ORDER.compare(this, other);
  }

  @Override
  public String toString() {
    return qualified();
  }
}
