package dev.milvusmigrate.milvus;

import dev.milvusmigrate.core.domain.CollectionName;
import io.milvus.grpc.ConsistencyLevel;
import io.milvus.grpc.DslType;
import io.milvus.grpc.IDs;
import io.milvus.grpc.KeyValuePair;
import io.milvus.grpc.PlaceholderGroup;
import io.milvus.grpc.PlaceholderType;
import io.milvus.grpc.PlaceholderValue;
import io.milvus.grpc.SearchRequest;
import io.milvus.grpc.SearchResultData;
import io.milvus.grpc.SearchResults;
import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/** {@link VectorSearch} over the raw Search RPC (placeholder group of little-endian float32 vectors). */
final class GrpcVectorSearch implements VectorSearch {

  private final GrpcCalls calls;

  GrpcVectorSearch(GrpcCalls calls) {
    this.calls = calls;
  }

  @Override
  public List<List<Object>> nearestKeys(CollectionName collection, String field, String metric, List<float[]> queries,
      int topK) {
    SearchRequest request = SearchRequest.newBuilder().setDbName(collection.database())
        .setCollectionName(collection.collection()).setDslType(DslType.BoolExprV1).setDsl("")
        .setPlaceholderGroup(placeholders(queries)).setNq(queries.size())
        .addSearchParams(param("anns_field", field)).addSearchParams(param("topk", Integer.toString(topK)))
        .addSearchParams(param("metric_type", metric)).addSearchParams(param("params", "{}"))
        .addSearchParams(param("round_decimal", "-1"))
        .setConsistencyLevel(ConsistencyLevel.Strong).build();
    SearchResults results = calls.call("search field '" + field + "' of " + GrpcCatalog.named(collection),
        stub -> stub.search(request), SearchResults::getStatus);
    return split(results.getResults(), queries.size());
  }

  private static ByteString placeholders(List<float[]> queries) {
    PlaceholderValue.Builder value = PlaceholderValue.newBuilder().setTag("$0").setType(PlaceholderType.FloatVector);
    for (float[] query : queries) {
      ByteBuffer bytes = ByteBuffer.allocate(query.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
      for (float component : query) {
        bytes.putFloat(component);
      }
      value.addValues(ByteString.copyFrom(bytes.array()));
    }
    return PlaceholderGroup.newBuilder().addPlaceholders(value).build().toByteString();
  }

  /** The flat id list cut per query by {@code topks} (a query may find fewer than k). */
  private static List<List<Object>> split(SearchResultData data, int queryCount) {
    List<Object> ids = ids(data.getIds());
    List<List<Object>> perQuery = new ArrayList<>();
    int from = 0;
    for (int query = 0; query < queryCount; query++) {
      int found = query < data.getTopksCount() ? (int) data.getTopks(query) : 0;
      perQuery.add(List.copyOf(ids.subList(from, from + found)));
      from += found;
    }
    return perQuery;
  }

  private static List<Object> ids(IDs ids) {
    return ids.hasStrId() ? List.copyOf(ids.getStrId().getDataList()) : List.copyOf(ids.getIntId().getDataList());
  }

  private static KeyValuePair param(String key, String value) {
    return KeyValuePair.newBuilder().setKey(key).setValue(value).build();
  }
}
