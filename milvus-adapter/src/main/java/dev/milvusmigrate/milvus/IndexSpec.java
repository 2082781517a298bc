package dev.milvusmigrate.milvus;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An index on one field: type (e.g. AUTOINDEX, HNSW), metric (e.g. COSINE) and extra parameters
 * as text. {@code described} holds the key-value pairs exactly as a server described the index
 * (the {@code params} JSON with its numbers, booleans and nested values as the creator wrote them);
 * creating an index from a described spec sends those pairs unchanged, so the copy's description
 * equals the original's. It is empty for a spec built here, which is created from its other parts.
 */
public record IndexSpec(String fieldName, String indexName, String indexType, String metricType,
    Map<String, String> params, Map<String, String> described) {

  public IndexSpec {
    params = Map.copyOf(params);
    described = Collections.unmodifiableMap(new LinkedHashMap<>(described));
  }

  public IndexSpec(String fieldName, String indexName, String indexType, String metricType,
      Map<String, String> params) {
    this(fieldName, indexName, indexType, metricType, params, Map.of());
  }
}
