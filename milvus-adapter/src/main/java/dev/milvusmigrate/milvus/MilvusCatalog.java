package dev.milvusmigrate.milvus;

import dev.milvusmigrate.core.domain.CollectionName;
import dev.milvusmigrate.schemas.avro.CollectionSchema;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Metadata and DDL of one server. Every call names its database explicitly. */
public interface MilvusCatalog {

  List<String> listDatabases();

  /** Creates the database; an existing one is left as it is. */
  void createDatabase(String database);

  List<String> listCollections(String database);

  /**
   * {@code database/id} of every collection whose id the server reports (Milvus 2.3.5 does; Milvus
   * Lite reports none): ids are allocated by one server, so two addresses whose sets share an entry
   * reach the same server. One ShowCollections a database, read only.
   */
  Set<String> collectionIds();

  /**
   * The database's properties. Empty on servers that cannot describe a database (DescribeDatabase
   * exists from Milvus 2.4; 2.3 answers UNIMPLEMENTED), so changes to them are not visible there.
   */
  Map<String, String> databaseProperties(String database);

  /**
   * The collection's full schema: every field and attribute, functions, properties, shards,
   * consistency level and partition names. Empty if the database or collection does not exist.
   */
  Optional<CollectionSchema> describeCollection(CollectionName collection);

  /**
   * Creates the collection with exactly the given schema (database taken from the argument, not
   * from the schema) and its partitions. Fails with {@link MilvusAccessException.Kind#CONFLICT}
   * if it already exists.
   */
  void createCollection(String database, CollectionSchema schema);

  /**
   * The aliases that point at the collection. For a collection that does not exist, 2.3.5 fails
   * with {@link MilvusAccessException.Kind#NOT_FOUND} and Milvus Lite answers an empty list.
   */
  List<String> listAliases(CollectionName collection);

  /**
   * Every alias of the database and the collection it points at, from {@link #listAliases} of each
   * collection (DescribeAlias and a database-wide ListAliases are not on every server).
   */
  default Map<String, String> aliasesOf(String database) {
    Map<String, String> aliases = new java.util.TreeMap<>();
    for (String collection : listCollections(database)) {
      listAliases(new CollectionName(database, collection)).forEach(alias -> aliases.put(alias, collection));
    }
    return aliases;
  }

  /** Points a new alias at the collection (in the collection's database). */
  void createAlias(CollectionName collection, String alias);

  /** Whether the server has aliases (Milvus Lite 2.4 and 2.5 have none). Writes nothing. */
  boolean hasAliases();

  /**
   * The bulk-insert tasks the server still remembers, of every database. Fails with {@link
   * MilvusAccessException.Kind#UNSUPPORTED} on servers without {@code ListImportTasks}.
   */
  List<ImportTask> listImportTasks();

  /**
   * Whether an auto-id collection created with {@code allow_insert_auto_id=true} keeps the primary
   * keys inserted into it. Found out once per session by trying on a scratch collection in the
   * {@code default} database, which is dropped again: call it only on a server that may be written.
   */
  boolean keepsKeysInsertedIntoAutoIdCollections();

  /**
   * Whether the server describes a collection's consistency level as it was created with (Milvus
   * Lite 3 answers Strong for every collection). Found out once per session by trying on a scratch
   * collection in the {@code default} database, which is dropped again: call it only on a server
   * that may be written.
   */
  boolean reportsConsistencyLevel();

  /** Drops the collection; a missing one is left as it is. */
  void dropCollection(CollectionName collection);

  /** Creates the partition of an existing collection; an existing one is left as it is. */
  void createPartition(CollectionName collection, String partition);

  List<IndexSpec> listIndexes(CollectionName collection);

  /** Creates the index and returns once the server accepted it (building continues in the background). */
  void createIndex(CollectionName collection, IndexSpec index);

  boolean isLoaded(CollectionName collection);

  /** Loads the collection and waits until it is queryable. */
  void load(CollectionName collection);

  void release(CollectionName collection);

  /** Seals growing segments so they are persisted. */
  void flush(CollectionName collection);

  /** {@code count(*)} with strong consistency; the collection must be loaded. */
  default long countRows(CollectionName collection) {
    return countRows(collection, null);
  }

  /** {@code count(*)} of one partition, or of all when null, with strong consistency; the collection must be loaded. */
  long countRows(CollectionName collection, String partition);

  /**
   * The server's current hybrid timestamp when it can allocate one ({@link
   * ServerInfo#allocTimestamp()}); otherwise a timestamp from this host's clock, which is at or
   * after every write the server acknowledged before this call on a host with a synchronised clock.
   */
  long currentTimestamp();
}
