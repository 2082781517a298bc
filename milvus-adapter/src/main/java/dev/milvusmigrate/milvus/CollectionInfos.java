package dev.milvusmigrate.milvus;

import dev.milvusmigrate.core.domain.CollectionName;
import dev.milvusmigrate.milvus.MilvusAccessException.Kind;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Describes each collection once per session and remembers what reads and writes need. */
final class CollectionInfos {

  private final MilvusCatalog catalog;
  private final String serverLabel;
  private final Map<CollectionName, CollectionInfo> known = new ConcurrentHashMap<>();

  CollectionInfos(MilvusCatalog catalog, String serverLabel) {
    this.catalog = catalog;
    this.serverLabel = serverLabel;
  }

  CollectionInfo of(CollectionName collection) {
    return known.computeIfAbsent(collection, this::describe);
  }

  private CollectionInfo describe(CollectionName collection) {
    return catalog.describeCollection(collection).map(CollectionInfo::of)
        .orElseThrow(() -> StatusTranslator.build(Kind.NOT_FOUND, serverLabel,
            "use " + GrpcCatalog.named(collection), "it does not exist", null));
  }
}
