package dev.milvusmigrate.sink;

import dev.milvusmigrate.milvus.MilvusCatalog;

/** Loads a collection for the time it is queried and restores its load state afterwards. */
final class LoadedCollection implements AutoCloseable {

  private final MilvusCatalog catalog;
  private final String database;
  private final String collection;
  private final boolean loadedHere;

  private LoadedCollection(MilvusCatalog catalog, String database, String collection, boolean loadedHere) {
    this.catalog = catalog;
    this.database = database;
    this.collection = collection;
    this.loadedHere = loadedHere;
  }

  static LoadedCollection ensure(MilvusCatalog catalog, String database, String collection) {
    if (catalog.isLoaded(database, collection)) {
      return new LoadedCollection(catalog, database, collection, false);
    }
    catalog.load(database, collection);
    return new LoadedCollection(catalog, database, collection, true);
  }

  @Override
  public void close() {
    if (loadedHere) {
      catalog.release(database, collection);
    }
  }
}
