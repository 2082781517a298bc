package dev.milvusmigrate.milvus;

import dev.milvusmigrate.core.domain.CollectionName;
import java.util.List;

/** Top-k searches on a float-vector field, returning the keys of the nearest entities. */
public interface VectorSearch {

  /**
   * For each query vector, the primary keys of the {@code topK} nearest entities, nearest first,
   * with strong consistency.
   *
   * @param metric the metric of the field's index, e.g. L2, IP or COSINE
   */
  List<List<Object>> nearestKeys(CollectionName collection, String field, String metric, List<float[]> queries,
      int topK);
}
