package dev.milvusmigrate.milvus;

import dev.milvusmigrate.core.domain.CollectionName;
import dev.milvusmigrate.schemas.avro.PrimaryKeys;
import io.milvus.grpc.ConsistencyLevel;
import io.milvus.grpc.KeyValuePair;
import io.milvus.grpc.QueryRequest;
import io.milvus.grpc.QueryResults;
import java.util.ArrayList;
import java.util.List;

/** {@link ColumnarReader} over the raw query RPC. */
final class GrpcColumnarReader implements ColumnarReader {

  private static final String ALL_FIELDS = "*";
  /**
   * Marks a query as a primary-key cursor: Milvus Lite only sorts by key before applying the
   * limit when it is set (without it a page holds arbitrary keys and the scan skips rows).
   */
  private static final String ITERATOR = "iterator";
  /** Milvus before 2.3: {@code *} is every scalar field and {@code %} every vector field. */
  private static final String ALL_VECTORS = "%";

  private final GrpcCalls calls;
  private final CollectionInfos infos;
  private final ServerInfo server;

  GrpcColumnarReader(GrpcCalls calls, CollectionInfos infos, ServerInfo server) {
    this.calls = calls;
    this.infos = infos;
    this.server = server;
  }

  @Override
  public Page readPage(PageRequest request) {
    CollectionInfo info = infos.of(request.collection());
    String pk = request.primaryKeyField();
    String expr = request.afterPk() == null
        ? Expressions.allRows(pk, info.varcharKey()) : Expressions.greaterThan(pk, request.afterPk());
    QueryRequest.Builder query = query(request.collection(), expr,
        outputFields(request.outputFields(), pk, info, server))
        .addQueryParams(param("limit", Integer.toString(request.limit())))
        .addQueryParams(param(ITERATOR, "True"));
    if (request.partition() != null) {
      query.addPartitionNames(request.partition());
    }
    pinOrStrong(query, request.snapshotTs());
    return run("read a page of " + GrpcCatalog.named(request.collection()), query, pk);
  }

  @Override
  public Page readByKeys(CollectionName collection, String partition, PrimaryKeys keys,
      List<String> outputFields, long snapshotTs) {
    CollectionInfo info = infos.of(collection);
    QueryRequest.Builder query = query(collection, Expressions.in(keys),
        outputFields(outputFields, info.primaryKeyField(), info, server));
    if (partition != null) {
      query.addPartitionNames(partition);
    }
    pinOrStrong(query, snapshotTs);
    return run("read entities by key from " + GrpcCatalog.named(collection), query, info.primaryKeyField());
  }

  private Page run(String action, QueryRequest.Builder query, String pk) {
    QueryResults results = calls.call(action, stub -> stub.query(query.build()), QueryResults::getStatus);
    return PageAssembler.assemble(results.getFieldsDataList(), pk);
  }

  /**
   * A read with a snapshot timestamp waits until the server has every write up to it (guarantee
   * timestamp): servers with pinned reads then read exactly at it, older ones at or after it,
   * which is still correct for every caller and, unlike a strong read, does not wait for writes
   * that keep arriving. Without a timestamp the read is strong.
   */
  private void pinOrStrong(QueryRequest.Builder query, long snapshotTs) {
    if (snapshotTs > 0) {
      query.setGuaranteeTimestamp(snapshotTs).setConsistencyLevel(ConsistencyLevel.Customized)
          .setUseDefaultConsistency(false);
    } else {
      query.setConsistencyLevel(ConsistencyLevel.Strong);
    }
  }

  private static QueryRequest.Builder query(CollectionName collection, String expr, List<String> fields) {
    return QueryRequest.newBuilder().setDbName(collection.database()).setCollectionName(collection.collection())
        .setExpr(expr)
        .addAllOutputFields(fields);
  }

  /**
   * Every field ({@code *}, plus {@code %} where that is needed for the vectors and {@code $meta}
   * when the collection has one), or the given ones plus the key.
   */
  static List<String> outputFields(List<String> requested, String pk, CollectionInfo info, ServerInfo server) {
    List<String> fields = new ArrayList<>();
    if (requested.isEmpty()) {
      fields.add(ALL_FIELDS);
      if (!server.starReadsVectors()) {
        fields.add(ALL_VECTORS);
      }
      if (info.dynamicField()) {
        fields.add(FieldDataCodec.DYNAMIC_FIELD);
      }
      return fields;
    }
    fields.addAll(requested);
    if (!fields.contains(pk)) {
      fields.add(pk);
    }
    return fields;
  }

  private static KeyValuePair param(String key, String value) {
    return KeyValuePair.newBuilder().setKey(key).setValue(value).build();
  }
}
