package dev.milvusmigrate.exporter;

import dev.milvusmigrate.core.domain.CollectionName;
import dev.milvusmigrate.milvus.ImportTask;
import dev.milvusmigrate.milvus.IndexSpec;
import dev.milvusmigrate.milvus.MilvusCatalog;
import dev.milvusmigrate.schemas.avro.CollectionSchema;
import dev.milvusmigrate.schemas.avro.DataType;
import dev.milvusmigrate.schemas.avro.FieldSchema;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A source catalog in memory for unit tests: databases, collections with row counts, load state and its changes. */
final class InMemoryCatalog implements MilvusCatalog {

  private final Map<String, Map<String, Long>> rows = new LinkedHashMap<>();
  private final Set<String> loaded = new HashSet<>();
  final List<String> loadCalls = new ArrayList<>();
  final List<String> releaseCalls = new ArrayList<>();

  InMemoryCatalog database(String database) {
    rows.computeIfAbsent(database, d -> new LinkedHashMap<>());
    return this;
  }

  InMemoryCatalog collection(String database, String collection, long rowCount, boolean isLoaded) {
    database(database).rows.get(database).put(collection, rowCount);
    if (isLoaded) {
      loaded.add(database + "." + collection);
    }
    return this;
  }

  boolean loaded(String database, String collection) {
    return loaded.contains(database + "." + collection);
  }

  static CollectionSchema schema(String database, String collection) {
    FieldSchema id = FieldSchema.newBuilder().setName("id").setDataType(DataType.INT64).setIsPrimaryKey(true).build();
    return CollectionSchema.newBuilder().setDatabase(database).setCollection(collection).setFields(List.of(id))
        .setPartitions(List.of("_default")).build();
  }

  @Override
  public List<String> listDatabases() {
    return List.copyOf(rows.keySet());
  }

  @Override
  public void createDatabase(String database) {
    throw new UnsupportedOperationException("the exporter never changes the source");
  }

  @Override
  public Set<String> collectionIds() {
    return Set.of();
  }

  @Override
  public List<String> listCollections(String database) {
    return List.copyOf(rows.get(database).keySet());
  }

  @Override
  public Map<String, String> databaseProperties(String database) {
    return Map.of();
  }

  @Override
  public Optional<CollectionSchema> describeCollection(CollectionName name) {
    String database = name.database();
    String collection = name.collection();
    return Optional.ofNullable(rows.get(database)).filter(c -> c.containsKey(collection))
        .map(c -> schema(database, collection));
  }

  @Override
  public void createCollection(String database, CollectionSchema schema) {
    throw new UnsupportedOperationException("the exporter never changes the source");
  }

  @Override
  public List<String> listAliases(CollectionName name) {
    return List.of();
  }

  @Override
  public void createAlias(CollectionName name, String alias) {
    throw new UnsupportedOperationException("the exporter never changes the source");
  }

  @Override
  public boolean hasAliases() {
    return true;
  }

  @Override
  public void dropCollection(CollectionName name) {
    throw new UnsupportedOperationException("the exporter never changes the source");
  }

  @Override
  public List<ImportTask> listImportTasks() {
    return List.of();
  }

  @Override
  public boolean keepsKeysInsertedIntoAutoIdCollections() {
    throw new UnsupportedOperationException("the exporter never writes");
  }

  @Override
  public boolean reportsConsistencyLevel() {
    throw new UnsupportedOperationException("the exporter never writes");
  }

  @Override
  public void createPartition(CollectionName name, String partition) {
    throw new UnsupportedOperationException("the exporter never changes the source");
  }

  @Override
  public List<IndexSpec> listIndexes(CollectionName name) {
    return List.of();
  }

  @Override
  public void createIndex(CollectionName name, IndexSpec index) {
    throw new UnsupportedOperationException("the exporter never changes the source");
  }

  @Override
  public boolean isLoaded(CollectionName name) {
    String database = name.database();
    String collection = name.collection();
    return loaded(database, collection);
  }

  @Override
  public void load(CollectionName name) {
    String database = name.database();
    String collection = name.collection();
    loadCalls.add(database + "." + collection);
    loaded.add(database + "." + collection);
  }

  @Override
  public void release(CollectionName name) {
    String database = name.database();
    String collection = name.collection();
    releaseCalls.add(database + "." + collection);
    loaded.remove(database + "." + collection);
  }

  @Override
  public void flush(CollectionName name) {
    throw new UnsupportedOperationException("the exporter never flushes the source");
  }

  @Override
  public long countRows(CollectionName name, String partition) {
    String database = name.database();
    String collection = name.collection();
    if (partition != null) {
      throw new UnsupportedOperationException("the exporter counts whole collections");
    }
    if (!loaded(database, collection)) {
      throw new IllegalStateException(database + "." + collection + " is not loaded");
    }
    return rows.get(database).get(collection);
  }

  @Override
  public long currentTimestamp() {
    return 42L << 18;
  }
}
