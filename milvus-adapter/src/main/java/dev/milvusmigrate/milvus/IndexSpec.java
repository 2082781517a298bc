package dev.milvusmigrate.milvus;

import java.util.Map;

/** An index on one field: type (e.g. AUTOINDEX, HNSW), metric (e.g. COSINE) and extra parameters. */
public record IndexSpec(String fieldName, String indexName, String indexType, String metricType,
    Map<String, String> params) {

  public IndexSpec {
    params = Map.copyOf(params);
  }
}
