package dev.milvusmigrate.milvus;

import dev.milvusmigrate.core.domain.CollectionName;
import dev.milvusmigrate.core.domain.HybridTimestamp;
import dev.milvusmigrate.milvus.MilvusAccessException.Kind;
import dev.milvusmigrate.schemas.avro.CollectionSchema;
import dev.milvusmigrate.schemas.avro.FieldSchema;
import io.milvus.grpc.AllocTimestampRequest;
import io.milvus.grpc.AllocTimestampResponse;
import io.milvus.grpc.ConsistencyLevel;
import io.milvus.grpc.CreateAliasRequest;
import io.milvus.grpc.CreateDatabaseRequest;
import io.milvus.grpc.CreateIndexRequest;
import io.milvus.grpc.CreatePartitionRequest;
import io.milvus.grpc.DescribeCollectionRequest;
import io.milvus.grpc.DescribeCollectionResponse;
import io.milvus.grpc.DescribeDatabaseRequest;
import io.milvus.grpc.DescribeDatabaseResponse;
import io.milvus.grpc.DescribeIndexRequest;
import io.milvus.grpc.DescribeIndexResponse;
import io.milvus.grpc.DropCollectionRequest;
import io.milvus.grpc.FlushRequest;
import io.milvus.grpc.FlushResponse;
import io.milvus.grpc.GetFlushStateRequest;
import io.milvus.grpc.GetFlushStateResponse;
import io.milvus.grpc.GetLoadStateRequest;
import io.milvus.grpc.GetLoadStateResponse;
import io.milvus.grpc.ListAliasesRequest;
import io.milvus.grpc.ListAliasesResponse;
import io.milvus.grpc.ListDatabasesRequest;
import io.milvus.grpc.ListDatabasesResponse;
import io.milvus.grpc.ListImportTasksRequest;
import io.milvus.grpc.ListImportTasksResponse;
import io.milvus.grpc.LoadCollectionRequest;
import io.milvus.grpc.LoadState;
import io.milvus.grpc.QueryRequest;
import io.milvus.grpc.QueryResults;
import io.milvus.grpc.ReleaseCollectionRequest;
import io.milvus.grpc.ShowCollectionsRequest;
import io.milvus.grpc.ShowCollectionsResponse;
import io.milvus.grpc.ShowPartitionsRequest;
import io.milvus.grpc.ShowPartitionsResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/** {@link MilvusCatalog} over the raw gRPC API. */
final class GrpcCatalog implements MilvusCatalog {

  private static final String DEFAULT_PARTITION = "_default";
  private static final String DEFAULT_DATABASE = "default";
  private static final String COUNT = "count(*)";

  private final GrpcCalls calls;
  private final ServerInfo server;
  private final Duration waitTimeout;
  private volatile Boolean keepsAutoIdKeys;
  private volatile Boolean reportsConsistencyLevel;
  private final KeyCount keyCount;

  GrpcCatalog(GrpcCalls calls, ServerInfo server, Duration waitTimeout) {
    this.calls = calls;
    this.server = server;
    this.waitTimeout = waitTimeout;
    this.keyCount = new KeyCount(new GrpcColumnarReader(calls, new CollectionInfos(this, calls.serverLabel()), server));
  }

  @Override
  public List<String> listDatabases() {
    if (!server.databases()) {
      return List.of(DEFAULT_DATABASE);
    }
    return List.copyOf(calls.call("list databases", stub -> stub.listDatabases(ListDatabasesRequest.getDefaultInstance()),
        ListDatabasesResponse::getStatus).getDbNamesList());
  }

  @Override
  public void createDatabase(String database) {
    if (!listDatabases().contains(database)) {
      if (!server.databases()) {
        throw lacking("create database '" + database + "'", "it has no databases but '" + DEFAULT_DATABASE
            + "' (ListDatabases and CreateDatabase are UNIMPLEMENTED)");
      }
      calls.call("create database '" + database + "'",
          stub -> stub.createDatabase(CreateDatabaseRequest.newBuilder().setDbName(database).build()));
    }
  }

  @Override
  public List<String> listCollections(String database) {
    ShowCollectionsRequest request = ShowCollectionsRequest.newBuilder().setDbName(database).build();
    return List.copyOf(calls.call("list the collections of database '" + database + "'",
        stub -> stub.showCollections(request), ShowCollectionsResponse::getStatus).getCollectionNamesList());
  }

  @Override
  public Set<String> collectionIds() {
    Set<String> ids = new HashSet<>();
    for (String database : listDatabases()) {
      ShowCollectionsRequest request = ShowCollectionsRequest.newBuilder().setDbName(database).build();
      calls.call("list the collections of database '" + database + "'", stub -> stub.showCollections(request),
          ShowCollectionsResponse::getStatus).getCollectionIdsList().stream().filter(id -> id != 0)
          .forEach(id -> ids.add(database + "/" + id));
    }
    return ids;
  }

  @Override
  public Map<String, String> databaseProperties(String database) {
    return unlessUnsupported(() -> describedProperties(database), Map::of);
  }

  @Override
  public Optional<CollectionSchema> describeCollection(CollectionName name) {
    String database = name.database();
    try {
      DescribeCollectionResponse described = describe(name);
      return Optional.of(SchemaMapper.fromDescription(database, described, partitions(name)));
    } catch (MilvusAccessException e) {
      if (e.kind() == Kind.NOT_FOUND) {
        return Optional.empty();
      }
      throw e;
    }
  }

  @Override
  public void createCollection(String database, CollectionSchema schema) {
    String collection = schema.getCollection();
    if (describeCollection(new CollectionName(database, collection)).isPresent()) {
      throw StatusTranslator.build(Kind.CONFLICT, calls.serverLabel(), "create collection '" + collection
          + "' in database '" + database + "'", "it already exists", null);
    }
    calls.call("create collection '" + collection + "' in database '" + database + "'",
        stub -> stub.createCollection(SchemaMapper.toCreateRequest(database, schema)));
    if (schema.getFields().stream().noneMatch(FieldSchema::getIsPartitionKey)) {
      schema.getPartitions().stream().filter(name -> !DEFAULT_PARTITION.equals(name))
          .forEach(partition -> createPartition(new CollectionName(database, collection), partition));
    }
  }

  /** ListAliases where the server has it (Milvus Lite leaves describe's alias list empty), else describe's list. */
  @Override
  public List<String> listAliases(CollectionName name) {
    return unlessUnsupported(() -> listedAliases(name),
        () -> List.copyOf(describe(name).getAliasesList()));
  }

  @Override
  public void createAlias(CollectionName name, String alias) {
    calls.call("create alias '" + alias + "' for " + named(name), stub -> stub.createAlias(CreateAliasRequest
        .newBuilder().setDbName(name.database()).setCollectionName(name.collection()).setAlias(alias).build()));
  }

  /**
   * Asks for an alias of a collection that does not exist: a server with aliases refuses it as
   * not found (or not allowed), one without answers UNIMPLEMENTED. DescribeAlias cannot tell, as
   * Milvus 2.3 lacks it.
   */
  @Override
  public boolean hasAliases() {
    CollectionName absent = new CollectionName(DEFAULT_DATABASE, ScratchCollection.PREFIX + "absent");
    try {
      createAlias(absent, ScratchCollection.PREFIX + "alias");
      throw new IllegalStateException("Milvus at " + calls.serverLabel() + " created an alias of "
          + named(absent) + ", which does not exist");
    } catch (MilvusAccessException e) {
      if (e.kind() == Kind.UNREACHABLE) {
        throw e;
      }
      return e.kind() != Kind.UNSUPPORTED;
    }
  }

  @Override
  public void dropCollection(CollectionName name) {
    if (describeCollection(name).isPresent()) {
      calls.call("drop " + named(name), stub -> stub.dropCollection(DropCollectionRequest.newBuilder()
          .setDbName(name.database()).setCollectionName(name.collection()).build()));
    }
  }

  @Override
  public List<ImportTask> listImportTasks() {
    // Milvus 2.3.5's proxy dereferences a nil response when a ListImportTasks is cancelled midway and
    // the whole server dies (SIGSEGV in Proxy.ListImportTasks, seen in the fault suite). A blocking
    // call is cancelled when its thread is interrupted, as a stopping DDL watch is; so the call runs
    // on a thread nobody interrupts and is waited for to its end (its deadline still bounds it).
    CompletableFuture<ListImportTasksResponse> call = CompletableFuture.supplyAsync(() -> calls.call(
        "list the bulk-insert tasks", stub -> stub.listImportTasks(ListImportTasksRequest.getDefaultInstance()),
        ListImportTasksResponse::getStatus));
    try {
      return call.join().getTasksList().stream().map(task -> new ImportTask(task.getId(), task.getCollectionId()))
          .toList();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    }
  }

  @Override
  public boolean keepsKeysInsertedIntoAutoIdCollections() {
    if (keepsAutoIdKeys == null) {
      keepsAutoIdKeys = AutoIdProbe.keepsInsertedKeys(calls);
    }
    return keepsAutoIdKeys;
  }

  @Override
  public boolean reportsConsistencyLevel() {
    if (reportsConsistencyLevel == null) {
      reportsConsistencyLevel = ConsistencyLevelProbe.reportsLevel(calls);
    }
    return reportsConsistencyLevel;
  }

  @Override
  public List<IndexSpec> listIndexes(CollectionName name) {
    try {
      DescribeIndexResponse described = calls.call("list the indexes of " + named(name),
          stub -> stub.describeIndex(DescribeIndexRequest.newBuilder()
              .setDbName(name.database()).setCollectionName(name.collection()).build()),
          DescribeIndexResponse::getStatus);
      return described.getIndexDescriptionsList().stream().map(IndexParams::fromDescription).toList();
    } catch (MilvusAccessException e) {
      if (e.kind() == Kind.NOT_FOUND && describeCollection(name).isPresent()) {
        return List.of();
      }
      throw e;
    }
  }

  @Override
  public void createIndex(CollectionName name, IndexSpec index) {
    CreateIndexRequest.Builder request = CreateIndexRequest.newBuilder()
        .setDbName(name.database()).setCollectionName(name.collection()).setFieldName(index.fieldName())
        .addAllExtraParams(IndexParams.toPairs(index));
    if (index.indexName() != null) {
      request.setIndexName(index.indexName());
    }
    calls.call("create an index on field '" + index.fieldName() + "' of " + named(name),
        stub -> stub.createIndex(request.build()));
  }

  @Override
  public boolean isLoaded(CollectionName name) {
    return loadState(name) == LoadState.LoadStateLoaded;
  }

  @Override
  public void load(CollectionName name) {
    String action = "load " + named(name);
    calls.call(action, stub -> stub.loadCollection(LoadCollectionRequest.newBuilder()
        .setDbName(name.database()).setCollectionName(name.collection()).build()));
    Polling.until(() -> isLoaded(name), waitTimeout, () -> StatusTranslator.build(Kind.RETRYABLE,
        calls.serverLabel(), action, "still loading after " + waitTimeout.toSeconds() + " s", null));
  }

  @Override
  public void release(CollectionName name) {
    calls.call("release " + named(name), stub -> stub.releaseCollection(
        ReleaseCollectionRequest.newBuilder().setDbName(name.database()).setCollectionName(name.collection())
            .build()));
  }

  @Override
  public void flush(CollectionName name) {
    String database = name.database();
    String collection = name.collection();
    String action = "flush " + named(name);
    FlushResponse flushed = calls.call(action, stub -> stub.flush(FlushRequest.newBuilder()
        .setDbName(database).addCollectionNames(collection).build()), FlushResponse::getStatus);
    Long flushTs = flushed.getCollFlushTsMap().get(collection);
    if (flushTs != null && flushTs > 0) {
      GetFlushStateRequest request = GetFlushStateRequest.newBuilder().setDbName(database)
          .setCollectionName(collection).setFlushTs(flushTs)
          .addAllSegmentIDs(flushed.getCollSegIDsOrDefault(collection, io.milvus.grpc.LongArray.getDefaultInstance())
              .getDataList())
          .build();
      Polling.until(() -> calls.call(action, stub -> stub.getFlushState(request), GetFlushStateResponse::getStatus)
          .getFlushed(), waitTimeout, () -> StatusTranslator.build(Kind.RETRYABLE, calls.serverLabel(), action,
          "still flushing after " + waitTimeout.toSeconds() + " s", null));
    }
  }

  @Override
  public long countRows(CollectionName name, String partition) {
    if (!server.countsWithCountStar()) {
      return keyCount.count(name, partition, describeCollection(name).orElseThrow(() -> StatusTranslator.build(
          Kind.NOT_FOUND, calls.serverLabel(), "count the rows of " + named(name), "it does not exist", null)));
    }
    QueryRequest.Builder count = QueryRequest.newBuilder().setDbName(name.database())
        .setCollectionName(name.collection()).setExpr("").addOutputFields(COUNT)
        .setConsistencyLevel(ConsistencyLevel.Strong);
    if (partition != null) {
      count.addPartitionNames(partition);
    }
    QueryResults results = calls.call("count the rows of " + named(name),
        stub -> stub.query(count.build()), QueryResults::getStatus);
    return results.getFieldsDataList().stream().filter(field -> COUNT.equals(field.getFieldName())).findFirst()
        .map(field -> field.getScalars().getLongData().getData(0))
        .orElseThrow(() -> StatusTranslator.build(Kind.SERVER_ERROR, calls.serverLabel(),
            "count the rows of " + named(name), "the answer has no count(*) column", null));
  }

  @Override
  public long currentTimestamp() {
    if (!server.allocTimestamp()) {
      return HybridTimestamp.ofInstant(Instant.now()).value();
    }
    return calls.call("allocate a timestamp", stub -> stub.allocTimestamp(AllocTimestampRequest.getDefaultInstance()),
        AllocTimestampResponse::getStatus).getTimestamp();
  }

  private Map<String, String> describedProperties(String database) {
    DescribeDatabaseResponse described = calls.call("describe database '" + database + "'",
        stub -> stub.describeDatabase(DescribeDatabaseRequest.newBuilder().setDbName(database).build()),
        DescribeDatabaseResponse::getStatus);
    return Collections.unmodifiableMap(KeyValues.toMap(described.getPropertiesList()));
  }

  private List<String> listedAliases(CollectionName name) {
    ListAliasesRequest request = ListAliasesRequest.newBuilder().setDbName(name.database())
        .setCollectionName(name.collection()).build();
    return List.copyOf(calls.call("list the aliases of " + named(name),
        stub -> stub.listAliases(request), ListAliasesResponse::getStatus).getAliasesList());
  }

  private DescribeCollectionResponse describe(CollectionName name) {
    return calls.call("describe " + named(name),
        stub -> stub.describeCollection(DescribeCollectionRequest.newBuilder()
            .setDbName(name.database()).setCollectionName(name.collection()).build()),
        DescribeCollectionResponse::getStatus);
  }

  /** The call's answer, or the fallback's where the server does not implement the call. */
  private static <T> T unlessUnsupported(Supplier<T> call, Supplier<T> fallback) {
    try {
      return call.get();
    } catch (MilvusAccessException e) {
      if (e.kind() == Kind.UNSUPPORTED) {
        return fallback.get();
      }
      throw e;
    }
  }

  private LoadState loadState(CollectionName name) {
    return calls.call("get the load state of " + named(name),
        stub -> stub.getLoadState(GetLoadStateRequest.newBuilder()
            .setDbName(name.database()).setCollectionName(name.collection()).build()),
        GetLoadStateResponse::getStatus).getState();
  }

  private List<String> partitions(CollectionName name) {
    if (!server.partitions()) {
      return List.of(DEFAULT_PARTITION);
    }
    return List.copyOf(calls.call("list the partitions of " + named(name),
        stub -> stub.showPartitions(ShowPartitionsRequest.newBuilder()
            .setDbName(name.database()).setCollectionName(name.collection()).build()),
        ShowPartitionsResponse::getStatus).getPartitionNamesList());
  }

  @Override
  public void createPartition(CollectionName name, String partition) {
    if (partitions(name).contains(partition)) {
      return;
    }
    if (!server.partitions()) {
      throw lacking("create partition '" + partition + "' of " + named(name),
          "it has no partitions (ShowPartitions and CreatePartition are UNIMPLEMENTED)");
    }
    try {
      calls.call("create partition '" + partition + "' of " + named(name),
          stub -> stub.createPartition(CreatePartitionRequest.newBuilder()
              .setDbName(name.database()).setCollectionName(name.collection()).setPartitionName(partition)
              .build()));
    } catch (MilvusAccessException e) {
      if (e.kind() != Kind.CONFLICT) {
        throw e;
      }
    }
  }

  /** A feature the server lacks, named with the call that would need it. */
  private MilvusAccessException lacking(String action, String reason) {
    return StatusTranslator.build(Kind.UNSUPPORTED, calls.serverLabel(), action, reason, null);
  }

  static String named(CollectionName name) {
    return "collection '" + name.collection() + "' in database '" + name.database() + "'";
  }
}
