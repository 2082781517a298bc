package dev.milvusmigrate.e2e;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.milvus.v2.common.DataType;
import io.milvus.v2.service.collection.request.AddFieldReq;
import java.util.stream.IntStream;

/** Field declarations and deterministic row values for the source fixtures. */
final class Rows {

  private Rows() {}

  static AddFieldReq.AddFieldReqBuilder<?> field(String name, DataType type) {
    return AddFieldReq.builder().fieldName(name).dataType(type);
  }

  static AddFieldReq intKey(String name) {
    return field(name, DataType.Int64).isPrimaryKey(true).autoID(false).build();
  }

  static AddFieldReq vector(String name, int dim) {
    return field(name, DataType.FloatVector).dimension(dim).build();
  }

  static AddFieldReq varchar(String name, int maxLength) {
    return field(name, DataType.VarChar).maxLength(maxLength).build();
  }

  static AddFieldReq array(String name, DataType element, int capacity) {
    AddFieldReq.AddFieldReqBuilder<?> field = field(name, DataType.Array).elementType(element)
        .maxCapacity(capacity);
    return (element == DataType.VarChar ? field.maxLength(24) : field).build();
  }

  /** A vector whose components are multiples of 1/8 or small fractions; compared bit for bit after the copy. */
  static JsonArray vector(int seed, int dim) {
    JsonArray vector = new JsonArray();
    IntStream.range(0, dim).forEach(d -> vector.add(((seed * 31 + d * 7) % 997) / 8.0f - 3.3f));
    return vector;
  }

  /** A sparse vector of 1 to 4 entries, keyed by dimension index. */
  static JsonObject sparse(int seed) {
    JsonObject sparse = new JsonObject();
    for (int k = 0; k <= seed % 4; k++) {
      sparse.addProperty(Integer.toString(seed * 13 + k * 1009), 0.25f + k + seed / 1000f);
    }
    return sparse;
  }

  static JsonArray strings(String... values) {
    JsonArray array = new JsonArray();
    for (String value : values) {
      array.add(value);
    }
    return array;
  }

  static JsonArray numbers(Number... values) {
    JsonArray array = new JsonArray();
    for (Number value : values) {
      array.add(value);
    }
    return array;
  }

  static JsonArray booleans(boolean... values) {
    JsonArray array = new JsonArray();
    for (boolean value : values) {
      array.add(value);
    }
    return array;
  }

  /** Nested JSON with objects, arrays, numbers, strings, booleans and null. */
  static JsonObject document(int i) {
    return JsonParser.parseString("{\"shelf\":" + i + ",\"lang\":\"" + (i % 2 == 0 ? "en" : "fr")
        + "\",\"price\":" + (i + 0.5) + ",\"tags\":[\"a" + i + "\",\"b\"],\"nested\":{\"ok\":" + (i % 3 == 0)
        + ",\"none\":null,\"deep\":{\"n\":" + (i * 1000003L) + "}}}").getAsJsonObject();
  }

  static String text(int i, int length) {
    StringBuilder text = new StringBuilder(length);
    while (text.length() < length) {
      text.append("row ").append(i).append(" lorem ipsum ünïcödé ");
    }
    return text.substring(0, length);
  }
}
