package dev.milvusmigrate.e2e;

import static org.awaitility.Awaitility.await;

import com.google.gson.JsonObject;
import io.milvus.v2.client.ConnectConfig;
import io.milvus.v2.client.MilvusClientV2;
import io.milvus.v2.common.ConsistencyLevel;
import io.milvus.v2.common.DataType;
import io.milvus.v2.common.IndexBuildState;
import io.milvus.v2.common.IndexParam;
import io.milvus.v2.service.collection.request.CreateCollectionReq;
import io.milvus.v2.service.collection.request.DescribeCollectionReq;
import io.milvus.v2.service.collection.request.DropCollectionReq;
import io.milvus.v2.service.collection.request.GetLoadStateReq;
import io.milvus.v2.service.collection.request.HasCollectionReq;
import io.milvus.v2.service.collection.request.LoadCollectionReq;
import io.milvus.v2.service.collection.response.DescribeCollectionResp;
import io.milvus.v2.service.database.request.CreateDatabaseReq;
import io.milvus.v2.service.database.request.DropDatabaseReq;
import io.milvus.v2.service.index.request.CreateIndexReq;
import io.milvus.v2.service.index.request.DescribeIndexReq;
import io.milvus.v2.service.partition.request.CreatePartitionReq;
import io.milvus.v2.service.partition.request.ListPartitionsReq;
import io.milvus.v2.service.utility.request.FlushReq;
import io.milvus.v2.service.vector.request.InsertReq;
import io.milvus.v2.service.vector.request.QueryReq;
import io.milvus.v2.service.vector.response.QueryResp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * One Milvus server seen through milvus-sdk-java only, independently of the code under test:
 * builds source fixtures and reads back whole collections (every entity, every field) to compare
 * a source with its migrated target.
 */
final class MilvusData implements AutoCloseable {

  /** Entities fetched per query when reading a collection back. */
  private static final int FETCH_CHUNK = 500;
  /** Rows per insert request while building fixtures. */
  private static final int INSERT_CHUNK = 1000;

  private final MilvusClientV2 client;

  MilvusData(String uri) {
    this(ConnectConfig.builder().uri(uri).build());
  }

  MilvusData(ConnectConfig config) {
    this.client = new MilvusClientV2(config);
  }

  /**
   * Connects, trying again for up to {@code patience} while the server does not accept the
   * connection (a server just restarted may still be recovering); the last failure otherwise.
   */
  static MilvusData connectPatiently(String uri, Duration patience) {
    AtomicReference<MilvusData> connected = new AtomicReference<>();
    await("a connection to " + uri).atMost(patience).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
        .until(() -> connected.compareAndSet(null, new MilvusData(uri)));
    return connected.get();
  }

  MilvusClientV2 client() {
    return client;
  }

  List<String> databases() {
    return client.listDatabases().getDatabaseNames();
  }

  /** Creates the database if missing and makes it the current one. */
  MilvusData database(String database) {
    if (!databases().contains(database)) {
      client.createDatabase(CreateDatabaseReq.builder().databaseName(database).build());
    }
    use(database);
    return this;
  }

  /** Drops the database with every collection in it. */
  void dropCollection(String collection) {
    client.dropCollection(DropCollectionReq.builder().collectionName(collection).build());
  }

  void dropDatabase(String database) {
    use(database);
    collections().forEach(this::dropCollection);
    use("default");
    client.dropDatabase(DropDatabaseReq.builder().databaseName(database).build());
  }

  /** Drops the database, with its collections, from each server that has it. */
  static void dropEverywhere(String database, String... uris) {
    for (String uri : uris) {
      try (MilvusData server = new MilvusData(uri)) {
        if (server.databases().contains(database)) {
          server.dropDatabase(database);
        }
      }
    }
  }

  MilvusData use(String database) {
    try {
      client.useDatabase(database);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    return this;
  }

  /** Creates a collection with the given schema, its extra partitions and an index on every vector field. */
  void create(String collection, CreateCollectionReq.CollectionSchema schema, Integer numPartitions,
      List<String> partitions) {
    create(collection, schema, numPartitions, partitions, ConsistencyLevel.STRONG);
  }

  void create(String collection, CreateCollectionReq.CollectionSchema schema, ConsistencyLevel level) {
    create(collection, schema, null, List.of(), level);
  }

  private void create(String collection, CreateCollectionReq.CollectionSchema schema, Integer numPartitions,
      List<String> partitions, ConsistencyLevel level) {
    CreateCollectionReq.CreateCollectionReqBuilder request = CreateCollectionReq.builder()
        .collectionName(collection).collectionSchema(schema).consistencyLevel(level);
    if (numPartitions != null) {
      request.numPartitions(numPartitions);
    }
    client.createCollection(request.build());
    for (String partition : partitions) {
      client.createPartition(CreatePartitionReq.builder().collectionName(collection).partitionName(partition).build());
    }
    for (CreateCollectionReq.FieldSchema field : schema.getFieldSchemaList()) {
      if (field.getDataType() == DataType.FloatVector) {
        index(collection, field.getName(), IndexParam.IndexType.FLAT, IndexParam.MetricType.L2);
      } else if (field.getDataType() == DataType.SparseFloatVector) {
        index(collection, field.getName(), IndexParam.IndexType.SPARSE_INVERTED_INDEX, IndexParam.MetricType.IP);
      }
    }
  }

  void create(String collection, CreateCollectionReq.CollectionSchema schema) {
    create(collection, schema, null, List.of());
  }

  private void index(String collection, String field, IndexParam.IndexType type, IndexParam.MetricType metric) {
    IndexParam index = IndexParam.builder().fieldName(field).indexType(type).metricType(metric).build();
    // sync(false): the SDK's own wait calls AllocTimestamp, which neither Lite nor 2.3.5 implements.
    client.createIndex(CreateIndexReq.builder().collectionName(collection).indexParams(List.of(index)).sync(false)
        .build());
    await("index on " + collection + "." + field).atMost(Duration.ofMinutes(2)).until(() -> client.describeIndex(
        DescribeIndexReq.builder().collectionName(collection).fieldName(field).build())
        .getIndexDescByFieldName(field).getIndexState() == IndexBuildState.Finished);
  }

  void insert(String collection, String partition, List<JsonObject> rows) {
    for (int from = 0; from < rows.size(); from += INSERT_CHUNK) {
      List<JsonObject> chunk = rows.subList(from, Math.min(rows.size(), from + INSERT_CHUNK));
      InsertReq.InsertReqBuilder request = InsertReq.builder().collectionName(collection).data(chunk);
      if (partition != null) {
        request.partitionName(partition);
      }
      client.insert(request.build());
    }
  }

  void insert(String collection, List<JsonObject> rows) {
    insert(collection, null, rows);
  }

  void flush(String collection) {
    client.flush(FlushReq.builder().collectionNames(List.of(collection)).build());
  }

  boolean exists(String collection) {
    return client.hasCollection(HasCollectionReq.builder().collectionName(collection).build());
  }

  List<String> collections() {
    return client.listCollections().getCollectionNames();
  }

  DescribeCollectionResp describe(String collection) {
    return client.describeCollection(DescribeCollectionReq.builder().collectionName(collection).build());
  }

  List<String> partitions(String collection) {
    return client.listPartitions(ListPartitionsReq.builder().collectionName(collection).build());
  }

  boolean isLoaded(String collection) {
    return client.getLoadState(GetLoadStateReq.builder().collectionName(collection).build());
  }

  /** Loads the collection (the sink leaves migrated collections released unless asked to load them). */
  void load(String collection) {
    if (!isLoaded(collection)) {
      client.loadCollection(LoadCollectionReq.builder().collectionName(collection).build());
    }
  }

  /** {@code count(*)} with strong consistency: on Milvus 2.3.5 a key written twice counts twice. */
  long count(String collection) {
    List<QueryResp.QueryResult> results = client.query(QueryReq.builder().collectionName(collection).filter("")
        .outputFields(List.of("count(*)")).consistencyLevel(ConsistencyLevel.STRONG).build()).getQueryResults();
    return ((Number) results.get(0).getEntity().get("count(*)")).longValue();
  }

  /** Every primary key of the collection (or of one partition), duplicates included, in the server's order. */
  List<Object> keys(String collection, String partition) {
    String pk = describe(collection).getPrimaryFieldName();
    QueryReq.QueryReqBuilder request = QueryReq.builder().collectionName(collection).filter(allKeys(collection, pk))
        .outputFields(List.of(pk)).consistencyLevel(ConsistencyLevel.STRONG);
    if (partition != null) {
      request.partitionNames(List.of(partition));
    }
    return client.query(request.build()).getQueryResults().stream().map(r -> r.getEntity().get(pk)).toList();
  }

  /** Every entity with every field (dynamic keys included), by primary key. */
  Map<Object, Map<String, Object>> entities(String collection) {
    String pk = describe(collection).getPrimaryFieldName();
    List<Object> keys = keys(collection, null);
    Map<Object, Map<String, Object>> entities = new LinkedHashMap<>();
    for (int from = 0; from < keys.size(); from += FETCH_CHUNK) {
      List<Object> chunk = keys.subList(from, Math.min(keys.size(), from + FETCH_CHUNK));
      client.query(QueryReq.builder().collectionName(collection).filter(pk + " in " + literal(chunk))
              .outputFields(List.of("*")).consistencyLevel(ConsistencyLevel.STRONG).build())
          .getQueryResults().forEach(r -> entities.put(r.getEntity().get(pk), new LinkedHashMap<>(r.getEntity())));
    }
    return entities;
  }

  private String allKeys(String collection, String pk) {
    boolean text = describe(collection).getCollectionSchema().getField(pk).getDataType() == DataType.VarChar;
    return text ? pk + " != \"\"" : pk + " > -9223372036854775807";
  }

  private static String literal(List<Object> keys) {
    return keys.stream().map(k -> k instanceof String s ? "\"" + s + "\"" : k.toString())
        .collect(Collectors.joining(",", "[", "]"));
  }

  static List<JsonObject> rows(int count, java.util.function.IntFunction<JsonObject> row) {
    List<JsonObject> rows = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      rows.add(row.apply(i));
    }
    return rows;
  }

  @Override
  public void close() {
    client.close();
  }
}
