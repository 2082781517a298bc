package dev.milvusmigrate.milvus;

import io.milvus.grpc.KeyValuePair;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Milvus's repeated key-value pairs as an ordered map and back. */
final class KeyValues {

  private KeyValues() {}

  static Map<String, String> toMap(List<KeyValuePair> pairs) {
    Map<String, String> map = new LinkedHashMap<>();
    pairs.forEach(pair -> map.put(pair.getKey(), pair.getValue()));
    return map;
  }

  static List<KeyValuePair> toPairs(Map<String, String> map) {
    return map.entrySet().stream()
        .map(entry -> KeyValuePair.newBuilder().setKey(entry.getKey()).setValue(entry.getValue()).build())
        .toList();
  }
}
