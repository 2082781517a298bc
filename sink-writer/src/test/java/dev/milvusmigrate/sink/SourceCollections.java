package dev.milvusmigrate.sink;

import static org.awaitility.Awaitility.await;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.milvus.v2.client.ConnectConfig;
import io.milvus.v2.client.MilvusClientV2;
import io.milvus.v2.common.DataType;
import io.milvus.v2.common.IndexBuildState;
import io.milvus.v2.common.IndexParam;
import io.milvus.v2.service.collection.request.AddFieldReq;
import io.milvus.v2.service.collection.request.CreateCollectionReq;
import io.milvus.v2.service.database.request.CreateDatabaseReq;
import io.milvus.v2.service.index.request.CreateIndexReq;
import io.milvus.v2.service.index.request.DescribeIndexReq;
import io.milvus.v2.service.partition.request.CreatePartitionReq;
import io.milvus.v2.service.utility.request.FlushReq;
import io.milvus.v2.service.vector.request.DeleteReq;
import io.milvus.v2.service.vector.request.InsertReq;
import io.milvus.v2.service.vector.request.UpsertReq;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Creates and fills collections with the Milvus Java SDK, independently of the code under test:
 * id INT64 primary key, title VARCHAR, score FLOAT, meta JSON, tags ARRAY of VARCHAR, embedding
 * FLOAT_VECTOR(8), dynamic fields on, and a partition {@value #PARTITION} besides _default.
 */
final class SourceCollections implements AutoCloseable {

  static final String PARTITION = "p1";
  static final int DIM = 8;

  private final MilvusClientV2 client;

  SourceCollections(String uri) {
    this.client = new MilvusClientV2(ConnectConfig.builder().uri(uri).build());
  }

  /** Creates {@code database.collection} (and the database) with rows {@code 1..rows}: odd ids in p1, even in _default. */
  void create(String database, String collection, int rows) throws InterruptedException {
    client.createDatabase(CreateDatabaseReq.builder().databaseName(database).build());
    client.useDatabase(database);
    client.createCollection(CreateCollectionReq.builder().collectionName(collection).collectionSchema(schema())
        .build());
    client.createPartition(CreatePartitionReq.builder().collectionName(collection).partitionName(PARTITION).build());
    insert(collection, IntStream.rangeClosed(1, rows).filter(i -> i % 2 == 1).boxed().toList(), PARTITION);
    insert(collection, IntStream.rangeClosed(1, rows).filter(i -> i % 2 == 0).boxed().toList(), null);
    client.flush(FlushReq.builder().collectionNames(List.of(collection)).build());
    index(collection);
  }

  void insert(String collection, List<Integer> ids, String partition) {
    if (ids.isEmpty()) {
      return;
    }
    InsertReq.InsertReqBuilder request = InsertReq.builder().collectionName(collection)
        .data(ids.stream().map(i -> row(i, "title-" + i)).toList());
    if (partition != null) {
      request.partitionName(partition);
    }
    client.insert(request.build());
  }

  /** Changes the title of one entity of the current database's collection. */
  void retitle(String database, String collection, int id, String title) throws InterruptedException {
    client.useDatabase(database);
    client.upsert(UpsertReq.builder().collectionName(collection).data(List.of(row(id, title)))
        .partitionName(id % 2 == 1 ? PARTITION : "_default").build());
  }

  /** Deletes one entity of the collection. */
  void delete(String database, String collection, long id) throws InterruptedException {
    client.useDatabase(database);
    client.delete(DeleteReq.builder().collectionName(collection).filter("id == " + id).build());
  }

  /** Inserts one more entity into the _default partition. */
  void insertOne(String database, String collection, int id) throws InterruptedException {
    client.useDatabase(database);
    insert(collection, List.of(id), null);
  }

  private void index(String collection) {
    IndexParam index = IndexParam.builder().fieldName("embedding").indexType(IndexParam.IndexType.FLAT)
        .metricType(IndexParam.MetricType.L2).build();
    client.createIndex(CreateIndexReq.builder().collectionName(collection).indexParams(List.of(index)).sync(false)
        .build());
    await("index on " + collection).atMost(Duration.ofMinutes(2)).until(() -> client.describeIndex(
        DescribeIndexReq.builder().collectionName(collection).fieldName("embedding").build())
        .getIndexDescByFieldName("embedding").getIndexState() == IndexBuildState.Finished);
  }

  static CreateCollectionReq.CollectionSchema schema() {
    CreateCollectionReq.CollectionSchema schema = MilvusClientV2.CreateSchema();
    schema.setEnableDynamicField(true);
    schema.addField(AddFieldReq.builder().fieldName("id").dataType(DataType.Int64).isPrimaryKey(true).autoID(false)
        .build());
    schema.addField(AddFieldReq.builder().fieldName("title").dataType(DataType.VarChar).maxLength(64).build());
    schema.addField(AddFieldReq.builder().fieldName("score").dataType(DataType.Float).build());
    schema.addField(AddFieldReq.builder().fieldName("meta").dataType(DataType.JSON).build());
    schema.addField(AddFieldReq.builder().fieldName("tags").dataType(DataType.Array).elementType(DataType.VarChar)
        .maxCapacity(4).maxLength(16).build());
    schema.addField(AddFieldReq.builder().fieldName("embedding").dataType(DataType.FloatVector).dimension(DIM)
        .build());
    return schema;
  }

  private static JsonObject row(int i, String title) {
    JsonObject row = new JsonObject();
    row.addProperty("id", (long) i);
    row.addProperty("title", title);
    row.addProperty("score", i / 4.0f);
    row.add("meta", JsonParser.parseString("{\"shelf\":" + i + ",\"lang\":\"en\"}"));
    JsonArray tags = new JsonArray();
    tags.add("t" + i % 3);
    row.add("tags", tags);
    JsonArray vector = new JsonArray();
    IntStream.range(0, DIM).forEach(d -> vector.add((i * DIM + d) / 8.0f));
    row.add("embedding", vector);
    row.addProperty("extra", "dynamic-" + i);
    return row;
  }

  @Override
  public void close() {
    client.close();
  }
}
