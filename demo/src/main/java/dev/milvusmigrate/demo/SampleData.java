package dev.milvusmigrate.demo;

import static org.awaitility.Awaitility.await;

import com.google.gson.JsonObject;
import io.milvus.v2.client.MilvusClientV2;
import io.milvus.v2.common.IndexBuildState;
import io.milvus.v2.common.IndexParam;
import io.milvus.v2.service.collection.request.CreateCollectionReq;
import io.milvus.v2.service.collection.request.LoadCollectionReq;
import io.milvus.v2.service.database.request.CreateDatabaseReq;
import io.milvus.v2.service.index.request.CreateIndexReq;
import io.milvus.v2.service.index.request.DescribeIndexReq;
import io.milvus.v2.service.vector.request.InsertReq;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Creates the sample collections on the source, fills and loads them, as an application would through the SDK. */
final class SampleData {

  /**
   * Rows per insert request: about 200 KB. Milvus 2.3 logs each insert as one Kafka message, and
   * its Kafka producer refuses messages over 1 MB, which fails the insert.
   */
  static final int BATCH_ROWS = 500;
  private static final String DEFAULT_DATABASE = "default";

  private SampleData() {}

  static void create(MilvusClientV2 client, SampleCollection collection, int rows) {
    if (!collection.database().equals(DEFAULT_DATABASE)
        && !client.listDatabases().getDatabaseNames().contains(collection.database())) {
      client.createDatabase(CreateDatabaseReq.builder().databaseName(collection.database()).build());
    }
    client.createCollection(CreateCollectionReq.builder().databaseName(collection.database())
        .collectionName(collection.name()).collectionSchema(collection.schema()).build());
    index(client, collection);
    for (int from = 0; from < rows; from += BATCH_ROWS) {
      List<JsonObject> batch = new ArrayList<>();
      for (int n = from; n < Math.min(rows, from + BATCH_ROWS); n++) {
        batch.add(collection.entity().create(n, 0));
      }
      client.insert(InsertReq.builder().databaseName(collection.database()).collectionName(collection.name())
          .data(batch).build());
    }
    // Loaded, as the collections of an application that serves searches are.
    client.loadCollection(LoadCollectionReq.builder().databaseName(collection.database())
        .collectionName(collection.name()).build());
  }

  /** A FLAT index, so that the collection can be loaded (the snapshot reads it through queries). */
  private static void index(MilvusClientV2 client, SampleCollection collection) {
    IndexParam flat = IndexParam.builder().fieldName("embedding").indexType(IndexParam.IndexType.FLAT)
        .metricType(IndexParam.MetricType.L2).build();
    // sync(false): the SDK's own wait calls AllocTimestamp, which Milvus 2.3 does not have.
    client.createIndex(CreateIndexReq.builder().databaseName(collection.database())
        .collectionName(collection.name()).indexParams(List.of(flat)).sync(false).build());
    DescribeIndexReq describe = DescribeIndexReq.builder().databaseName(collection.database())
        .collectionName(collection.name()).fieldName("embedding").build();
    await("index of " + collection.qualifiedName()).atMost(Duration.ofMinutes(1)).until(() -> client
        .describeIndex(describe).getIndexDescByFieldName("embedding").getIndexState() == IndexBuildState.Finished);
  }
}
