package dev.milvusmigrate.capture.ddl;

import dev.milvusmigrate.core.domain.CollectionName;
import dev.milvusmigrate.milvus.ImportTask;
import dev.milvusmigrate.milvus.MilvusAccessException;
import dev.milvusmigrate.milvus.MilvusAccessException.Kind;
import dev.milvusmigrate.milvus.MilvusCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a {@link SourceCatalogView} of the whole source. Any failed call fails the whole read (a
 * collection that is listed but cannot be described is never left out, so a read error cannot
 * look like a drop). One caller at a time.
 */
public final class SourceCatalogReader {

  private static final Logger log = LoggerFactory.getLogger(SourceCatalogReader.class);

  private final MilvusCatalog catalog;
  private boolean importsListable = true;

  public SourceCatalogReader(MilvusCatalog catalog) {
    this.catalog = catalog;
  }

  public SourceCatalogView read() {
    // Tasks first: one started during the rest of the read is seen by the next read.
    Optional<Set<ImportTask>> importTasks = importTasks();
    Map<String, Map<String, String>> databases = new TreeMap<>();
    List<CollectionView> collections = new ArrayList<>();
    for (String database : catalog.listDatabases()) {
      databases.put(database, catalog.databaseProperties(database));
      catalog.listCollections(database).forEach(collection -> collections.add(collection(database, collection)));
    }
    return SourceCatalogView.of(databases, collections, importTasks);
  }

  private CollectionView collection(String database, String collection) {
    return new CollectionView(catalog.describeCollection(new CollectionName(database, collection)).orElseThrow(
        () -> new MilvusAccessException(Kind.NOT_FOUND, "Collection " + new CollectionName(database, collection)
            + " was listed but could not be described; it is read again on the next poll.")),
        Set.copyOf(catalog.listAliases(new CollectionName(database, collection))));
  }

  private Optional<Set<ImportTask>> importTasks() {
    if (!importsListable) {
      return Optional.empty();
    }
    try {
      return Optional.of(Set.copyOf(catalog.listImportTasks()));
    } catch (MilvusAccessException e) {
      if (e.kind() != Kind.UNSUPPORTED) {
        throw e;
      }
      importsListable = false;
      log.warn("An Import (bulk insert) on the source cannot be detected during zero-downtime jobs, as the source"
          + " cannot list its bulk-insert tasks: {}", e.getMessage());
      return Optional.empty();
    }
  }
}
