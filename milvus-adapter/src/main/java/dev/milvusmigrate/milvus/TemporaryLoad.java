package dev.milvusmigrate.milvus;

import dev.milvusmigrate.core.domain.CollectionName;
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
  private final CollectionName name;
  private final boolean loadedHere;

  private TemporaryLoad(MilvusCatalog catalog, CollectionName name, boolean loadedHere) {
    this.catalog = catalog;
    this.name = name;
    this.loadedHere = loadedHere;
  }

  public static TemporaryLoad ensureLoaded(MilvusCatalog catalog, CollectionName name) {
    if (catalog.isLoaded(name)) {
      return new TemporaryLoad(catalog, name, false);
    }
    log.info("Loading {} to read it; it is released again afterwards", name);
    catalog.load(name);
    return new TemporaryLoad(catalog, name, true);
  }

  @Override
  public void close() {
    if (!loadedHere) {
      return;
    }
    try {
      catalog.release(name);
    } catch (RuntimeException e) {
      log.warn("Could not release {} again after reading it; release it by hand: {}", name, e.getMessage());
    }
  }
}
