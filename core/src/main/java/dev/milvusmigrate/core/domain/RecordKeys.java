package dev.milvusmigrate.core.domain;

/**
 * Kafka record keys. Milvus names hold only letters, digits and '_', so '/' separates parts
 * unambiguously. All events of a collection's snapshot share one key, which keeps schema,
 * batches and end marker in order in one partition; mutations are keyed by entity so all
 * changes of one entity stay in order.
 */
public final class RecordKeys {

  private RecordKeys() {}

  public static String collection(String database, String collection) {
    return database + "/" + collection;
  }

  public static String partition(String database, String collection, String partition) {
    return collection(database, collection) + "/" + (partition == null ? "*" : partition);
  }

  public static String entity(String database, String collection, Object primaryKey) {
    return collection(database, collection) + "/" + primaryKey;
  }
}
