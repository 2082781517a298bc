package dev.milvusmigrate.sink;

import static dev.milvusmigrate.verification.TestSchemas.field;
import static org.assertj.core.api.Assertions.assertThat;

import dev.milvusmigrate.milvus.IndexSpec;
import dev.milvusmigrate.schemas.avro.CollectionSchema;
import dev.milvusmigrate.schemas.avro.DataType;
import dev.milvusmigrate.schemas.avro.FunctionSchema;
import dev.milvusmigrate.schemas.avro.FunctionType;
import dev.milvusmigrate.schemas.avro.IndexPolicy;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VectorIndexPlannerTest {

  private final VectorIndexPlanner planner = new VectorIndexPlanner();
  private final CollectionSchema schema = CollectionSchema.newBuilder().setDatabase("db").setCollection("c")
      .setFields(List.of(
          field("id", DataType.INT64).setIsPrimaryKey(true).build(),
          field("text", DataType.VARCHAR).setMaxLength(100).build(),
          field("dense", DataType.FLOAT_VECTOR).setDim(8).build(),
          field("half", DataType.FLOAT16_VECTOR).setDim(8).build(),
          field("bits", DataType.BINARY_VECTOR).setDim(16).build(),
          field("sparse", DataType.SPARSE_FLOAT_VECTOR).build(),
          field("bm25", DataType.SPARSE_FLOAT_VECTOR).setIsFunctionOutput(true).build()))
      .setFunctions(List.of(FunctionSchema.newBuilder().setName("f").setType(FunctionType.BM25)
          .setInputFieldNames(List.of("text")).setOutputFieldNames(List.of("bm25")).build()))
      .build();

  @Test
  void autoindexOnDenseVectorsSparseIndexOnSparseOnesWithDefaultMetricPerType() {
    assertThat(planner.plan(schema, List.of(), IndexPolicy.AUTOINDEX)).containsExactly(
        new IndexSpec("dense", "dense", "AUTOINDEX", "COSINE", Map.of()),
        new IndexSpec("half", "half", "AUTOINDEX", "COSINE", Map.of()),
        new IndexSpec("bits", "bits", "AUTOINDEX", "HAMMING", Map.of()),
        new IndexSpec("sparse", "sparse", "SPARSE_INVERTED_INDEX", "IP", Map.of()),
        new IndexSpec("bm25", "bm25", "SPARSE_INVERTED_INDEX", "BM25", Map.of()));
  }

  @Test
  void autoindexKeepsTheSourceMetricAndName() {
    IndexSpec hnsw = new IndexSpec("dense", "dense_idx", "HNSW", "L2", Map.of("M", "16"));

    assertThat(planner.plan(schema, List.of(hnsw), IndexPolicy.AUTOINDEX).get(0))
        .isEqualTo(new IndexSpec("dense", "dense_idx", "AUTOINDEX", "L2", Map.of()));
  }

  @Test
  void copySourceCopiesSourceIndexesAndDefaultsTheRest() {
    IndexSpec hnsw = new IndexSpec("dense", "dense_idx", "HNSW", "L2", Map.of("M", "16"));
    IndexSpec scalar = new IndexSpec("text", "text_idx", "INVERTED", null, Map.of());

    List<IndexSpec> plan = planner.plan(schema, List.of(hnsw, scalar), IndexPolicy.COPY_SOURCE);

    assertThat(plan).startsWith(hnsw, scalar).hasSize(6)
        .contains(new IndexSpec("bits", "bits", "AUTOINDEX", "HAMMING", Map.of()));
  }
}
