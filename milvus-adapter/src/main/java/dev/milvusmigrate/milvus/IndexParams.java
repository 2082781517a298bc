package dev.milvusmigrate.milvus;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.milvus.grpc.IndexDescription;
import io.milvus.grpc.KeyValuePair;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An {@link IndexSpec} as Milvus's index key-value pairs (index_type, metric_type, params as JSON) and back. */
final class IndexParams {

  static final String INDEX_TYPE = "index_type";
  static final String METRIC_TYPE = "metric_type";
  static final String PARAMS = "params";

  private IndexParams() {}

  static List<KeyValuePair> toPairs(IndexSpec index) {
    Map<String, String> pairs = new LinkedHashMap<>();
    pairs.put(INDEX_TYPE, index.indexType());
    if (index.metricType() != null && !index.metricType().isBlank()) {
      pairs.put(METRIC_TYPE, index.metricType());
    }
    pairs.put(PARAMS, new Gson().toJson(index.params()));
    return KeyValues.toPairs(pairs);
  }

  static IndexSpec fromDescription(IndexDescription description) {
    Map<String, String> pairs = KeyValues.toMap(description.getParamsList());
    Map<String, String> params = new LinkedHashMap<>();
    String json = pairs.remove(PARAMS);
    if (json != null && !json.isBlank()) {
      JsonObject object = JsonParser.parseString(json).getAsJsonObject();
      object.entrySet().forEach(entry -> params.put(entry.getKey(), text(entry.getValue())));
    }
    String indexType = pairs.remove(INDEX_TYPE);
    String metricType = pairs.remove(METRIC_TYPE);
    params.putAll(pairs);
    return new IndexSpec(description.getFieldName(), description.getIndexName(), indexType, metricType, params);
  }

  private static String text(JsonElement value) {
    return value.isJsonPrimitive() ? value.getAsString() : value.toString();
  }
}
