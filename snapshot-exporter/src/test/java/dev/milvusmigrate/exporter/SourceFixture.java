package dev.milvusmigrate.exporter;

import static org.awaitility.Awaitility.await;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.milvus.v2.client.ConnectConfig;
import io.milvus.v2.client.MilvusClientV2;
import io.milvus.v2.common.DataType;
import io.milvus.v2.common.IndexBuildState;
import io.milvus.v2.common.IndexParam;
import io.milvus.v2.service.collection.request.AddFieldReq;
import io.milvus.v2.service.collection.request.CreateCollectionReq;
import io.milvus.v2.service.collection.request.GetLoadStateReq;
import io.milvus.v2.service.collection.request.LoadCollectionReq;
import io.milvus.v2.service.collection.request.ReleaseCollectionReq;
import io.milvus.v2.service.database.request.CreateDatabaseReq;
import io.milvus.v2.service.index.request.CreateIndexReq;
import io.milvus.v2.service.index.request.DescribeIndexReq;
import io.milvus.v2.service.partition.request.CreatePartitionReq;
import io.milvus.v2.service.utility.request.FlushReq;
import io.milvus.v2.service.vector.request.InsertReq;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.LongStream;

/** Fills a real source Milvus through the SDK: a database of its own, collections of (id, title, embedding). */
final class SourceFixture implements AutoCloseable {

  static final int DIMENSION = 8;

  private final MilvusClientV2 client;
  final String database;

  SourceFixture(String uri) throws InterruptedException {
    this.client = new MilvusClientV2(ConnectConfig.builder().uri(uri).build());
    this.database = "src_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    client.createDatabase(CreateDatabaseReq.builder().databaseName(database).build());
    client.useDatabase(database);
  }

  void createCollection(String collection, List<String> partitions) {
    CreateCollectionReq.CollectionSchema schema = MilvusClientV2.CreateSchema();
    schema.addField(AddFieldReq.builder().fieldName("id").dataType(DataType.Int64).isPrimaryKey(true).autoID(false)
        .build());
    schema.addField(AddFieldReq.builder().fieldName("title").dataType(DataType.VarChar).maxLength(64).build());
    schema.addField(AddFieldReq.builder().fieldName("embedding").dataType(DataType.FloatVector).dimension(DIMENSION)
        .build());
    client.createCollection(CreateCollectionReq.builder().collectionName(collection).collectionSchema(schema).build());
    partitions.forEach(partition -> client.createPartition(CreatePartitionReq.builder().collectionName(collection)
        .partitionName(partition).build()));
  }

  /** Inserts rows with ids from {@code from} to {@code to - 1} into the partition, in chunks the server accepts. */
  void insert(String collection, String partition, long from, long to) {
    for (long start = from; start < to; start += 500) {
      List<JsonObject> rows = LongStream.range(start, Math.min(to, start + 500)).mapToObj(SourceFixture::row).toList();
      client.insert(InsertReq.builder().collectionName(collection).partitionName(partition).data(rows).build());
    }
  }

  void indexAndLoad(String collection) {
    client.flush(FlushReq.builder().collectionNames(List.of(collection)).build());
    IndexParam index = IndexParam.builder().fieldName("embedding").indexType(IndexParam.IndexType.FLAT)
        .metricType(IndexParam.MetricType.L2).build();
    client.createIndex(CreateIndexReq.builder().collectionName(collection).indexParams(List.of(index)).sync(false)
        .build());
    await("index on " + collection).atMost(Duration.ofMinutes(2)).until(() -> client.describeIndex(
        DescribeIndexReq.builder().collectionName(collection).fieldName("embedding").build())
        .getIndexDescByFieldName("embedding").getIndexState() == IndexBuildState.Finished);
    client.loadCollection(LoadCollectionReq.builder().collectionName(collection).build());
  }

  /** Released by a client the project did not write, as an operator would (or a restart leaves it). */
  void release(String collection) {
    client.releaseCollection(ReleaseCollectionReq.builder().collectionName(collection).build());
  }

  boolean isLoaded(String collection) {
    return client.getLoadState(GetLoadStateReq.builder().collectionName(collection).build());
  }

  static String title(long id) {
    return "title-" + id;
  }

  /** Float values that are exact in float32, derived from the id. */
  static float component(long id, int d) {
    return (id % 1000) + d / 8.0f;
  }

  private static JsonObject row(long id) {
    JsonObject row = new JsonObject();
    row.addProperty("id", id);
    row.addProperty("title", title(id));
    JsonArray vector = new JsonArray();
    for (int d = 0; d < DIMENSION; d++) {
      vector.add(component(id, d));
    }
    row.add("embedding", vector);
    return row;
  }

  @Override
  public void close() {
    client.close();
  }
}
