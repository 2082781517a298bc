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

/**
 * An {@link IndexSpec} as Milvus's index key-value pairs (index_type, metric_type, params as JSON)
 * and back. A described index keeps its pairs verbatim so that a copy keeps each parameter's JSON
 * type ({@code {"nlist": 64}} stays a number); its params map is the text view of the same values.
 */
final class IndexParams {

  static final String INDEX_TYPE = "index_type";
  static final String METRIC_TYPE = "metric_type";
  static final String PARAMS = "params";

  private IndexParams() {}

  /** The described pairs as they were, else index_type, metric_type and the params as a JSON object of strings. */
  static List<KeyValuePair> toPairs(IndexSpec index) {
    if (!index.described().isEmpty()) {
      return KeyValues.toPairs(index.described());
    }
    Map<String, String> pairs = new LinkedHashMap<>();
    pairs.put(INDEX_TYPE, index.indexType());
    if (index.metricType() != null && !index.metricType().isBlank()) {
      pairs.put(METRIC_TYPE, index.metricType());
    }
    pairs.put(PARAMS, new Gson().toJson(index.params()));
    return KeyValues.toPairs(pairs);
  }

  static IndexSpec fromDescription(IndexDescription description) {
    Map<String, String> described = KeyValues.toMap(description.getParamsList());
    Map<String, String> pairs = new LinkedHashMap<>(described);
    Map<String, String> params = new LinkedHashMap<>();
    String json = pairs.remove(PARAMS);
    if (json != null && !json.isBlank()) {
      JsonObject object = JsonParser.parseString(json).getAsJsonObject();
      object.entrySet().forEach(entry -> params.put(entry.getKey(), text(entry.getValue())));
    }
    String indexType = pairs.remove(INDEX_TYPE);
    String metricType = pairs.remove(METRIC_TYPE);
    params.putAll(pairs);
    return new IndexSpec(description.getFieldName(), description.getIndexName(), indexType, metricType, params,
        described);
  }

  private static String text(JsonElement value) {
    return value.isJsonPrimitive() ? value.getAsString() : value.toString();
  }
}
