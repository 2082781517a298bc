package dev.milvusmigrate.capture;

import dev.milvusmigrate.core.domain.CollectionName;
import dev.milvusmigrate.milvus.MilvusCatalog;
import dev.milvusmigrate.schemas.avro.CollectionSchema;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps the collection ids of the source's log to database, name and schema. The log of Milvus
 * 2.3 names no database, so the ids are looked up in the source's metadata: all databases are
 * read again whenever an unknown id shows up (a collection created after the last look); names
 * described before are not described again (a dropped and recreated collection is the DDL watch's
 * business: it fails the job). The capture-proxy's records name database and collection instead.
 */
final class CollectionDirectory {

  /** A source collection: how mutations address it, and the schema the target needs. */
  record Known(ResolvedCollection resolved, CollectionSchema schema) {}

  private static final Logger log = LoggerFactory.getLogger(CollectionDirectory.class);

  private final MilvusCatalog catalog;
  private final Map<Long, Known> byId = new HashMap<>();
  private final Map<CollectionName, Known> byName = new HashMap<>();
  private final Set<CollectionName> describedNames = new HashSet<>();

  CollectionDirectory(MilvusCatalog catalog) {
    this.catalog = catalog;
  }

  /** The collection with this id, reading the source's metadata again if it is not known yet. */
  Optional<Known> resolve(long collectionId) {
    Known known = byId.get(collectionId);
    if (known == null) {
      refresh();
      known = byId.get(collectionId);
    }
    return Optional.ofNullable(known);
  }

  /** The collection of this name, described the first time it is asked for; empty if the source has none. */
  Optional<Known> resolve(CollectionName name) {
    Known known = byName.get(name);
    if (known == null) {
      catalog.describeCollection(name).ifPresent(this::remember);
      known = byName.get(name);
    }
    return Optional.ofNullable(known);
  }

  private void refresh() {
    int before = byId.size();
    for (String database : catalog.listDatabases()) {
      for (String collection : catalog.listCollections(database)) {
        if (!describedNames.contains(new CollectionName(database, collection))) {
          catalog.describeCollection(new CollectionName(database, collection)).ifPresent(this::remember);
        }
      }
    }
    log.info("Source collections known to capture: {} (was {})", byId.size(), before);
  }

  private void remember(CollectionSchema schema) {
    Known known = new Known(ResolvedCollection.of(schema), schema);
    CollectionName name = new CollectionName(schema.getDatabase(), schema.getCollection());
    byName.put(name, known);
    if (schema.getSourceCollectionId() != null) {
      byId.put(schema.getSourceCollectionId(), known);
      describedNames.add(name);
    }
  }
}
