package dev.milvusmigrate.exporter;

import dev.milvusmigrate.milvus.MilvusCatalog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a source collection queryable for the exporter and leaves it as it was: a collection
 * that was not loaded is loaded now and released on {@link #close()}; a loaded one is untouched.
 */
final class TemporaryLoad implements AutoCloseable {

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

  static TemporaryLoad ensureLoaded(MilvusCatalog catalog, Retry retry, String database, String collection) {
    boolean loaded = retry.call("check whether " + database + "." + collection + " is loaded", database, collection,
        () -> catalog.isLoaded(database, collection));
    if (!loaded) {
      log.info("Loading {}.{} on the source for the export; it is released again afterwards", database, collection);
      retry.run("load " + database + "." + collection, database, collection, () -> catalog.load(database, collection));
    }
    return new TemporaryLoad(catalog, database, collection, !loaded);
  }

  @Override
  public void close() {
    if (!loadedHere) {
      return;
    }
    try {
      catalog.release(database, collection);
      log.info("Released {}.{} on the source again, as it was before the export", database, collection);
    } catch (RuntimeException e) {
      log.warn("Could not release {}.{} on the source after the export; release it by hand: {}", database, collection,
          e.getMessage());
    }
  }
}
