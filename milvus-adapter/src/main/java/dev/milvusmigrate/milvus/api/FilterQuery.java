package dev.milvusmigrate.milvus.api;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.milvusmigrate.milvus.wal.WalKeys;
import io.milvus.grpc.ConsistencyLevel;
import io.milvus.grpc.FieldData;
import io.milvus.grpc.QueryRequest;
import io.milvus.grpc.QueryResults;
import java.util.List;

/**
 * The Query call with which the capture-proxy resolves the keys a delete by filter expression will
 * remove, just before forwarding it: the request's bytes and the keys in the answer's.
 */
public final class FilterQuery {

  public static final String METHOD = "milvus.proto.milvus.MilvusService/Query";

  private FilterQuery() {}

  /** A Strong query of {@code primaryKeyField} where {@code filter} holds, in every partition. */
  public static byte[] request(String database, String collection, String filter, String primaryKeyField,
      long limit) {
    return request(database, collection, filter, List.of(primaryKeyField), limit);
  }

  /** A Strong query of {@code outputFields} where {@code filter} holds, in every partition. */
  static byte[] request(String database, String collection, String filter, List<String> outputFields, long limit) {
    QueryRequest.Builder query = QueryRequest.newBuilder().setDbName(database).setCollectionName(collection)
        .setExpr(filter).addAllOutputFields(outputFields).setConsistencyLevel(ConsistencyLevel.Strong)
        .setUseDefaultConsistency(false).addQueryParams(io.milvus.grpc.KeyValuePair.newBuilder().setKey("limit")
            .setValue(Long.toString(limit)));
    return query.build().toByteArray();
  }

  /**
   * The values of {@code primaryKeyField} in the answer.
   *
   * @throws UnreadableWrite when the answer is not query results or the source refused
   */
  public static WalKeys keys(String collection, String primaryKeyField, byte[] response) {
    return results(collection, response).getFieldsDataList().stream()
        .filter(field -> field.getFieldName().equals(primaryKeyField)).findFirst().map(FilterQuery::keys)
        .orElse(new WalKeys.Int64(List.of()));
  }

  /** @throws UnreadableWrite when the answer is not query results or the source refused */
  static QueryResults results(String collection, byte[] response) {
    QueryResults results;
    try {
      results = QueryResults.parseFrom(response);
    } catch (InvalidProtocolBufferException e) {
      throw new UnreadableWrite("The query of " + collection + " did not answer a Milvus message: " + e.getMessage(),
          e);
    }
    if (results.getStatus().getCode() != 0 || results.getStatus().getErrorCodeValue() != 0) {
      throw new UnreadableWrite("The source refused the query of " + collection + ": "
          + results.getStatus().getReason());
    }
    return results;
  }

  /** The keys of a primary key column. */
  static WalKeys keys(FieldData field) {
    return field.getScalars().hasStringData()
        ? new WalKeys.Varchar(field.getScalars().getStringData().getDataList())
        : new WalKeys.Int64(field.getScalars().getLongData().getDataList());
  }
}
