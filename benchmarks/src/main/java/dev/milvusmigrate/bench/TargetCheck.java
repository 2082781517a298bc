package dev.milvusmigrate.bench;

import dev.milvusmigrate.core.domain.CollectionName;
import dev.milvusmigrate.milvus.MilvusSession;
import io.milvus.v2.client.ConnectConfig;
import io.milvus.v2.client.MilvusClientV2;
import io.milvus.v2.service.collection.request.DropCollectionReq;

/**
 * After a copy: the target must hold exactly the expected rows (a copy that wrote fewer or more
 * is not a result), then the copy is dropped so its index build does not slow the next run.
 */
final class TargetCheck {

  private TargetCheck() {}

  static void requireRows(MilvusSession target, String database, long expected, String method) {
    target.catalog().flush(new CollectionName(database, SyntheticCollection.COLLECTION));
    target.catalog().load(new CollectionName(database, SyntheticCollection.COLLECTION));
    long actual = target.catalog().countRows(new CollectionName(database, SyntheticCollection.COLLECTION));
    if (actual != expected) {
      throw new IllegalStateException(method + " left " + actual + " rows in " + database + "."
          + SyntheticCollection.COLLECTION + " instead of " + expected + ": this run is not a result.");
    }
  }

  static void drop(String targetUri, String database) {
    MilvusClientV2 client = new MilvusClientV2(ConnectConfig.builder().uri(targetUri).dbName(database).build());
    try {
      client.dropCollection(DropCollectionReq.builder().collectionName(SyntheticCollection.COLLECTION).build());
    } finally {
      client.close();
    }
  }
}
