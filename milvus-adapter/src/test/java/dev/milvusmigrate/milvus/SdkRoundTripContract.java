package dev.milvusmigrate.milvus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.milvusmigrate.testkit.milvus.MilvusServer;
import io.milvus.v2.client.ConnectConfig;
import io.milvus.v2.client.MilvusClientV2;
import io.milvus.v2.common.ConsistencyLevel;
import io.milvus.v2.common.DataType;
import io.milvus.v2.common.IndexBuildState;
import io.milvus.v2.common.IndexParam;
import io.milvus.v2.service.collection.request.AddFieldReq;
import io.milvus.v2.service.collection.request.CreateCollectionReq;
import io.milvus.v2.service.collection.request.LoadCollectionReq;
import io.milvus.v2.service.database.request.CreateDatabaseReq;
import io.milvus.v2.service.index.request.CreateIndexReq;
import io.milvus.v2.service.index.request.DescribeIndexReq;
import io.milvus.v2.service.partition.request.CreatePartitionReq;
import io.milvus.v2.service.utility.request.FlushReq;
import io.milvus.v2.service.vector.request.InsertReq;
import io.milvus.v2.service.vector.request.QueryReq;
import io.milvus.v2.service.vector.response.InsertResp;
import io.milvus.v2.service.vector.response.QueryResp.QueryResult;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every real Milvus the project tests against must do through milvus-sdk-java's v2 client:
 * a database, a collection with the common field types, a partition, inserts into it, flush,
 * index, load, and a strongly consistent query returning exactly what was written.
 */
abstract class SdkRoundTripContract {

  static final String PARTITION = "p2024";
  static final int DIMENSION = 8;

  MilvusServer server;
  MilvusClientV2 client;
  String database;

  @BeforeEach
  void connect(MilvusServer server) throws InterruptedException {
    this.server = server;
    this.client = new MilvusClientV2(ConnectConfig.builder().uri(server.uri()).build());
    this.database = "db_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    client.createDatabase(CreateDatabaseReq.builder().databaseName(database).build());
    client.useDatabase(database);
  }

  @AfterEach
  void disconnect() {
    client.close();
  }

  @Test
  void rowsInsertedIntoAPartitionQueryBackExactly() {
    String collection = "books";
    createCollection(collection, schema());
    client.createPartition(CreatePartitionReq.builder().collectionName(collection).partitionName(PARTITION).build());

    List<JsonObject> rows = IntStream.range(0, 3).mapToObj(SdkRoundTripContract::row).toList();
    InsertResp inserted = client.insert(InsertReq.builder()
        .collectionName(collection).partitionName(PARTITION).data(rows).build());
    assertThat(inserted.getInsertCnt()).isEqualTo(3);
    client.flush(FlushReq.builder().collectionNames(List.of(collection)).build());
    indexAndLoad(collection);

    List<QueryResult> results = client.query(QueryReq.builder()
        .collectionName(collection)
        .partitionNames(List.of(PARTITION))
        .filter("id >= 0")
        .outputFields(List.of("id", "title", "score", "active", "meta", "tags", "embedding"))
        .consistencyLevel(ConsistencyLevel.STRONG)
        .build()).getQueryResults();

    List<Map<String, Object>> entities = results.stream().map(QueryResult::getEntity)
        .sorted(Comparator.comparingLong(entity -> (Long) entity.get("id"))).toList();
    assertThat(entities).hasSize(3);
    for (int i = 0; i < 3; i++) {
      assertRow(entities.get(i), i);
    }
  }

  void createCollection(String name, CreateCollectionReq.CollectionSchema schema) {
    client.createCollection(CreateCollectionReq.builder().collectionName(name).collectionSchema(schema).build());
  }

  void indexAndLoad(String collection) {
    IndexParam index = IndexParam.builder().fieldName("embedding")
        .indexType(IndexParam.IndexType.FLAT).metricType(IndexParam.MetricType.L2).build();
    // sync(false): the SDK's own wait calls AllocTimestamp, which neither Lite nor 2.3.5 implements.
    client.createIndex(CreateIndexReq.builder().collectionName(collection).indexParams(List.of(index)).sync(false).build());
    await("index on " + collection).atMost(Duration.ofMinutes(2)).until(() -> client.describeIndex(
        DescribeIndexReq.builder().collectionName(collection).fieldName("embedding").build())
        .getIndexDescByFieldName("embedding").getIndexState() == IndexBuildState.Finished);
    client.loadCollection(LoadCollectionReq.builder().collectionName(collection).build());
  }

  static CreateCollectionReq.CollectionSchema schema() {
    CreateCollectionReq.CollectionSchema schema = MilvusClientV2.CreateSchema();
    schema.addField(AddFieldReq.builder().fieldName("id").dataType(DataType.Int64).isPrimaryKey(true).autoID(false).build());
    schema.addField(AddFieldReq.builder().fieldName("title").dataType(DataType.VarChar).maxLength(64).build());
    schema.addField(AddFieldReq.builder().fieldName("score").dataType(DataType.Float).build());
    schema.addField(AddFieldReq.builder().fieldName("active").dataType(DataType.Bool).build());
    schema.addField(AddFieldReq.builder().fieldName("meta").dataType(DataType.JSON).build());
    schema.addField(AddFieldReq.builder().fieldName("tags").dataType(DataType.Array)
        .elementType(DataType.VarChar).maxCapacity(4).maxLength(16).build());
    schema.addField(AddFieldReq.builder().fieldName("embedding").dataType(DataType.FloatVector).dimension(DIMENSION).build());
    return schema;
  }

  static JsonObject row(int i) {
    JsonObject row = new JsonObject();
    row.addProperty("id", 100L + i);
    row.addProperty("title", "title-" + i);
    row.addProperty("score", 0.5f + i);
    row.addProperty("active", i % 2 == 0);
    row.add("meta", JsonParser.parseString("{\"shelf\":" + i + ",\"lang\":\"en\"}"));
    JsonArray tags = new JsonArray();
    tags.add("t" + i);
    tags.add("common");
    row.add("tags", tags);
    JsonArray vector = new JsonArray();
    vector(i).forEach(vector::add);
    row.add("embedding", vector);
    return row;
  }

  /** Multiples of 1/8 are exact in float32, so vectors compare equal after the round trip. */
  static List<Float> vector(int i) {
    return IntStream.range(0, DIMENSION).mapToObj(d -> (i * DIMENSION + d) / 8.0f).toList();
  }

  static void assertRow(Map<String, Object> entity, int i) {
    assertThat(entity.get("id")).isEqualTo(100L + i);
    assertThat(entity.get("title")).isEqualTo("title-" + i);
    assertThat(entity.get("score")).isEqualTo(0.5f + i);
    assertThat(entity.get("active")).isEqualTo(i % 2 == 0);
    assertThat(entity.get("meta")).hasToString("{\"shelf\":" + i + ",\"lang\":\"en\"}");
    assertThat(entity.get("tags")).isEqualTo(List.of("t" + i, "common"));
    assertThat(entity.get("embedding")).isEqualTo(vector(i));
  }
}
