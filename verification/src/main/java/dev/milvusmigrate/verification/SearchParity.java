package dev.milvusmigrate.verification;

import dev.milvusmigrate.core.concurrent.OwnThread;
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
import java.util.concurrent.CompletableFuture;

/**
 * Whether the target serves searches as the source does: for each float-vector field, the vectors
 * of up to {@value #QUERIES} of the source's own entities are searched on both sides. Entity
 * comparison already proves the vectors equal; this catches a target that holds them but answers
 * differently: an index with another metric, or a broken index, which misses the very entities
 * searched for. It fails when the metrics differ or when the target's top {@value #TOP_K} holds
 * fewer than {@value #FAILING_SELF_FOUND} of the queried entities the source's top holds. The share
 * of the source's other results the target also returns (recall) is reported, not judged: on data
 * without neighbourhoods (uniformly random vectors) two correct approximate indexes rank the rest
 * differently (33 % measured between FLAT and HNSW at dim 768). Both collections must be loaded. Each
 * side's index is described and searched at the same time as the other's.
 */
final class SearchParity {

  static final int QUERIES = 10;
  static final int TOP_K = 10;
  /** Below this share of the queried entities found again, the target's index does not answer like the source's. */
  static final double FAILING_SELF_FOUND = 0.8;

  /**
   * One field's figures, each side searched with the metric of its own index: {@code recall} is the
   * mean over the queries of |source ∩ target| / |source|; {@code selfFound} the share of the queries
   * whose own entity the source returned that the target returned too (1 when the source returned none).
   */
  record Result(String field, String sourceMetric, String targetMetric, int queries, double recall,
      double selfFound) {

    boolean fails() {
      return selfFound < FAILING_SELF_FOUND || !sourceMetric.equals(targetMetric);
    }

    String describe() {
      String metrics = sourceMetric.equals(targetMetric) ? sourceMetric
          : sourceMetric + " on the source, " + targetMetric + " on the target";
      return String.format(Locale.ROOT, "search parity of %s (%s, top %d, %d queries from the source's own entities):"
          + " the target found %.0f%% of the queried entities and returned %.0f%% of the source's results%s", field,
          metrics, TOP_K, queries, selfFound * 100, recall * 100,
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
      CompletableFuture<Optional<String>> targetIndexed = CompletableFuture.supplyAsync(
          () -> metric(target, targetName, field.getName()), OwnThread.named(Thread.currentThread().getName() + "-t"));
      Optional<String> sourceMetric = metric(source, name, field.getName());
      Queries queries = queries(source, name, pk, field);
      Optional<String> targetMetric = CollectionVerifier.joined(targetIndexed).or(() -> sourceMetric);
      if (targetMetric.isEmpty() || queries.vectors().isEmpty()) {
        continue;
      }
      String sourceSide = sourceMetric.orElse(targetMetric.get());
      CompletableFuture<List<List<Object>>> targetFound = CompletableFuture.supplyAsync(
          () -> target.search().nearestKeys(targetName, field.getName(), targetMetric.get(), queries.vectors(), TOP_K),
          OwnThread.named(Thread.currentThread().getName() + "-t"));
      List<List<Object>> expected = source.search().nearestKeys(name, field.getName(), sourceSide, queries.vectors(),
          TOP_K);
      List<List<Object>> actual = CollectionVerifier.joined(targetFound);
      results.add(new Result(field.getName(), sourceSide, targetMetric.get(), queries.vectors().size(),
          recall(expected, actual), selfFound(queries.keys(), expected, actual)));
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

  /**
   * Of the queries whose own entity (key {@code keys[i]}) the source returned, the share whose
   * entity the target returned too; 1 when the source returned none (an IP index need not rank a
   * vector first for itself).
   */
  static double selfFound(List<Object> keys, List<List<Object>> expected, List<List<Object>> actual) {
    int returnedBySource = 0;
    int returnedByBoth = 0;
    for (int query = 0; query < keys.size(); query++) {
      if (!expected.get(query).contains(keys.get(query))) {
        continue;
      }
      returnedBySource++;
      if (query < actual.size() && actual.get(query).contains(keys.get(query))) {
        returnedByBoth++;
      }
    }
    return returnedBySource == 0 ? 1 : returnedByBoth / (double) returnedBySource;
  }

  private static Optional<String> metric(MilvusSession session, CollectionName collection, String field) {
    return session.catalog().listIndexes(collection).stream().filter(index -> index.fieldName().equals(field))
        .map(IndexSpec::metricType).filter(metric -> metric != null && !metric.isBlank()).findFirst();
  }

  /** The searched entities: their keys and vectors, in the same order. */
  private record Queries(List<Object> keys, List<float[]> vectors) {}

  /** The keys and vectors of the source's first entities in key order; none for an empty collection. */
  private static Queries queries(MilvusSession source, CollectionName name, String pk, FieldSchema field) {
    Page page = source.reader().readPage(new PageRequest(name, null, pk, null, QUERIES, List.of(pk, field.getName()),
        0));
    if (page.isEmpty()) {
      return new Queries(List.of(), List.of());
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
    return new Queries(PrimaryKeyColumns.keys(PrimaryKeyColumns.find(page.columns(), pk)), vectors);
  }
}
