package dev.milvusmigrate.sink;

import dev.milvusmigrate.milvus.IndexSpec;
import dev.milvusmigrate.schemas.avro.CollectionSchema;
import dev.milvusmigrate.schemas.avro.DataType;
import dev.milvusmigrate.schemas.avro.FieldSchema;
import dev.milvusmigrate.schemas.avro.FunctionSchema;
import dev.milvusmigrate.schemas.avro.FunctionType;
import dev.milvusmigrate.schemas.avro.IndexPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Decides the indexes of a new target collection. AUTOINDEX policy: an AUTOINDEX on every dense
 * vector field and a SPARSE_INVERTED_INDEX on every sparse one (servers such as Milvus Lite refuse
 * AUTOINDEX on sparse fields; this is the index AUTOINDEX stands for there), with the metric of
 * the source's index on that field, else COSINE for float vectors, HAMMING for binary vectors, IP
 * for sparse vectors and BM25 for BM25 function outputs.
 * COPY_SOURCE policy: every source index as it is, plus the AUTOINDEX default for vector fields
 * the source did not index.
 */
final class VectorIndexPlanner {

  static final String AUTOINDEX = "AUTOINDEX";
  static final String SPARSE_INDEX = "SPARSE_INVERTED_INDEX";

  List<IndexSpec> plan(CollectionSchema schema, List<IndexSpec> sourceIndexes, IndexPolicy policy) {
    Map<String, IndexSpec> sourceByField = sourceIndexes.stream()
        .collect(Collectors.toMap(IndexSpec::fieldName, index -> index, (first, second) -> first));
    Set<String> bm25Outputs = bm25Outputs(schema);
    List<IndexSpec> plan = new ArrayList<>();
    if (policy == IndexPolicy.COPY_SOURCE) {
      plan.addAll(sourceIndexes);
    }
    for (FieldSchema field : schema.getFields()) {
      if (!isVector(field) || policy == IndexPolicy.COPY_SOURCE && sourceByField.containsKey(field.getName())) {
        continue;
      }
      Optional<IndexSpec> source = Optional.ofNullable(sourceByField.get(field.getName()));
      String metric = source.map(IndexSpec::metricType).filter(m -> m != null && !m.isBlank())
          .orElseGet(() -> defaultMetric(field, bm25Outputs));
      String name = source.map(IndexSpec::indexName).orElse(field.getName());
      String type = field.getDataType() == DataType.SPARSE_FLOAT_VECTOR ? SPARSE_INDEX : AUTOINDEX;
      plan.add(new IndexSpec(field.getName(), name, type, metric, Map.of()));
    }
    return plan;
  }

  static boolean isVector(FieldSchema field) {
    return switch (field.getDataType()) {
      case FLOAT_VECTOR, FLOAT16_VECTOR, BFLOAT16_VECTOR, INT8_VECTOR, BINARY_VECTOR, SPARSE_FLOAT_VECTOR -> true;
      default -> false;
    };
  }

  private static String defaultMetric(FieldSchema field, Set<String> bm25Outputs) {
    if (bm25Outputs.contains(field.getName())) {
      return "BM25";
    }
    return switch (field.getDataType()) {
      case BINARY_VECTOR -> "HAMMING";
      case SPARSE_FLOAT_VECTOR -> "IP";
      default -> "COSINE";
    };
  }

  private static Set<String> bm25Outputs(CollectionSchema schema) {
    return schema.getFunctions().stream().filter(f -> f.getType() == FunctionType.BM25)
        .map(FunctionSchema::getOutputFieldNames).flatMap(List::stream).collect(Collectors.toSet());
  }
}
