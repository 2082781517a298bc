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
    requireRows(target, new CollectionName(database, SyntheticCollection.COLLECTION), expected, method);
  }

  static void requireRows(MilvusSession target, CollectionName collection, long expected, String method) {
    target.catalog().flush(collection);
    target.catalog().load(collection);
    long actual = target.catalog().countRows(collection);
    if (actual != expected) {
      throw new IllegalStateException(method + " left " + actual + " rows in " + collection.qualified()
          + " instead of " + expected + ": this run is not a result.");
    }
  }

  static void drop(String targetUri, String database) {
    drop(targetUri, database, SyntheticCollection.COLLECTION);
  }

  static void drop(String targetUri, String database, String collection) {
    MilvusClientV2 client = new MilvusClientV2(ConnectConfig.builder().uri(targetUri).dbName(database).build());
    try {
      client.dropCollection(DropCollectionReq.builder().collectionName(collection).build());
    } finally {
      client.close();
    }
  }
}
