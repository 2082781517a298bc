package dev.milvusmigrate.milvus;

import dev.milvusmigrate.milvus.MilvusAccessException.Kind;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Describes each collection once per session and remembers what reads and writes need. */
final class CollectionInfos {

  private final MilvusCatalog catalog;
  private final String serverLabel;
  private final Map<String, CollectionInfo> known = new ConcurrentHashMap<>();

  CollectionInfos(MilvusCatalog catalog, String serverLabel) {
    this.catalog = catalog;
    this.serverLabel = serverLabel;
  }

  CollectionInfo of(String database, String collection) {
    return known.computeIfAbsent(database + '\u0000' + collection, key -> describe(database, collection));
  }

  private CollectionInfo describe(String database, String collection) {
    return catalog.describeCollection(database, collection).map(CollectionInfo::of)
        .orElseThrow(() -> StatusTranslator.build(Kind.NOT_FOUND, serverLabel,
            "use " + GrpcCatalog.named(database, collection), "it does not exist", null));
  }
}
