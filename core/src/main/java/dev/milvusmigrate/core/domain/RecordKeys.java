package dev.milvusmigrate.core.domain;

import java.util.Optional;

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

  /** The parts of an {@link #entity} key; the primary key as text, which may itself hold '/'. */
  public record Entity(CollectionName collection, String primaryKey) {}

  /** The entity a record key names, or empty when the key is not an entity key. */
  public static Optional<Entity> parseEntity(String key) {
    if (key == null) {
      return Optional.empty();
    }
    String[] parts = key.split("/", 3);
    return parts.length == 3 ? Optional.of(new Entity(new CollectionName(parts[0], parts[1]), parts[2]))
        : Optional.empty();
  }
}
