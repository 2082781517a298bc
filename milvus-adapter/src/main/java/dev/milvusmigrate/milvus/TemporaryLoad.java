package dev.milvusmigrate.milvus;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a collection queryable and leaves it as it was: a collection that was not loaded is
 * loaded now and released on {@link #close()}; a loaded one is left untouched. Used wherever
 * migrate reads a server (export, verification), since the source's state must end as it began.
 */
public final class TemporaryLoad implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(TemporaryLoad.class);

  private final MilvusCatalog catalog;
  private final String database;
  private final String collection;
  private final boolean loadedHere;

  private TemporaryLoad(MilvusCatalog catalog, String database, String collection, boolean loadedHere) {
    this.catalog = catalog;
    this.database = database;
    this.collection = collection;
    this.loadedHere = loadedHere;
  }

  public static TemporaryLoad ensureLoaded(MilvusCatalog catalog, String database, String collection) {
    if (catalog.isLoaded(database, collection)) {
      return new TemporaryLoad(catalog, database, collection, false);
    }
    log.info("Loading {}.{} to read it; it is released again afterwards", database, collection);
    catalog.load(database, collection);
    return new TemporaryLoad(catalog, database, collection, true);
  }

  @Override
  public void close() {
    if (!loadedHere) {
      return;
    }
    try {
      catalog.release(database, collection);
    } catch (RuntimeException e) {
      log.warn("Could not release {}.{} again after reading it; release it by hand: {}", database, collection,
          e.getMessage());
    }
  }
}
