package dev.milvusmigrate.verification;

import dev.milvusmigrate.core.domain.CollectionName;
import dev.milvusmigrate.milvus.IndexSpec;
import dev.milvusmigrate.milvus.MilvusSession;
import dev.milvusmigrate.milvus.Page;
import dev.milvusmigrate.milvus.PageRequest;
import dev.milvusmigrate.schemas.avro.CollectionSchema;
import dev.milvusmigrate.schemas.avro.DataType;
import dev.milvusmigrate.schemas.avro.FieldSchema;
import dev.milvusmigrate.schemas.avro.PackedValues;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether the target serves searches as the source does: for each float-vector field, the vectors
 * of up to {@value #QUERIES} of the source's own entities are searched on both sides, and the
 * share of the source's top {@value #TOP_K} keys the target also returns is the field's recall.
 * Entity comparison already proves the vectors equal; this catches a target that holds them but
 * answers differently (an index with another metric, a broken index): it fails below
 * {@value #FAILING_RECALL} or when the metrics differ. Both collections must be loaded.
 */
final class SearchParity {

  static final int QUERIES = 10;
  static final int TOP_K = 10;
  /** Below this the target does not answer like the source; approximate indexes on both sides stay well above. */
  static final double FAILING_RECALL = 0.5;

  /**
   * One field's figure: {@code recall} is the mean over the queries of |source ∩ target| / |source|,
   * each side searched with the metric of its own index.
   */
  record Result(String field, String sourceMetric, String targetMetric, int queries, double recall) {

    boolean fails() {
      return recall < FAILING_RECALL || !sourceMetric.equals(targetMetric);
    }

    String describe() {
      String metrics = sourceMetric.equals(targetMetric) ? sourceMetric
          : sourceMetric + " on the source, " + targetMetric + " on the target";
      return String.format(Locale.ROOT, "search parity of %s (%s, top %d, %d queries from the source's own entities):"
          + " the target returned %.0f%% of the source's results%s", field, metrics, TOP_K, queries, recall * 100,
          fails() ? ": the target does not answer searches as the source does (check the metric and index of "
              + field + ")" : "");
    }
  }

  private SearchParity() {}

  static List<Result> check(MilvusSession source, MilvusSession target, CollectionSchema schema, CollectionName name,
      CollectionName targetName) {
    String pk = schema.getFields().stream().filter(FieldSchema::getIsPrimaryKey).findFirst().orElseThrow().getName();
    List<Result> results = new ArrayList<>();
    for (FieldSchema field : schema.getFields()) {
      if (field.getDataType() != DataType.FLOAT_VECTOR || field.getIsFunctionOutput()) {
        continue;
      }
      Optional<String> sourceMetric = metric(source, name, field.getName());
      Optional<String> targetMetric = metric(target, targetName, field.getName()).or(() -> sourceMetric);
      List<float[]> queries = queries(source, name, pk, field);
      if (targetMetric.isEmpty() || queries.isEmpty()) {
        continue;
      }
      String sourceSide = sourceMetric.orElse(targetMetric.get());
      List<List<Object>> expected = source.search().nearestKeys(name, field.getName(), sourceSide, queries, TOP_K);
      List<List<Object>> actual = target.search().nearestKeys(targetName, field.getName(), targetMetric.get(),
          queries, TOP_K);
      results.add(new Result(field.getName(), sourceSide, targetMetric.get(), queries.size(),
          recall(expected, actual)));
    }
    return results;
  }

  /** Mean share of each query's expected keys found among its actual ones; a query with no expected keys counts 1. */
  static double recall(List<List<Object>> expected, List<List<Object>> actual) {
    double sum = 0;
    for (int query = 0; query < expected.size(); query++) {
      List<Object> wanted = expected.get(query);
      if (wanted.isEmpty()) {
        sum += 1;
        continue;
      }
      HashSet<Object> found = new HashSet<>(query < actual.size() ? actual.get(query) : List.of());
      sum += wanted.stream().filter(found::contains).count() / (double) wanted.size();
    }
    return expected.isEmpty() ? 1 : sum / expected.size();
  }

  private static Optional<String> metric(MilvusSession session, CollectionName collection, String field) {
    return session.catalog().listIndexes(collection).stream().filter(index -> index.fieldName().equals(field))
        .map(IndexSpec::metricType).filter(metric -> metric != null && !metric.isBlank()).findFirst();
  }

  /** The vectors of the source's first entities in key order; none for an empty collection. */
  private static List<float[]> queries(MilvusSession source, CollectionName name, String pk, FieldSchema field) {
    Page page = source.reader().readPage(new PageRequest(name, null, pk, null, QUERIES, List.of(pk, field.getName()),
        0));
    if (page.isEmpty()) {
      return List.of();
    }
    ByteBuffer packed = ((PackedValues) PrimaryKeyColumns.find(page.columns(), field.getName()).getValues()).getData()
        .duplicate().order(ByteOrder.LITTLE_ENDIAN);
    int dim = field.getDim();
    List<float[]> vectors = new ArrayList<>();
    for (int row = 0; row < page.rowCount(); row++) {
      float[] vector = new float[dim];
      for (int i = 0; i < dim; i++) {
        vector[i] = packed.getFloat();
      }
      vectors.add(vector);
    }
    return vectors;
  }
}
