package dev.milvusmigrate.bench;

import io.milvus.v2.client.ConnectConfig;
import io.milvus.v2.client.MilvusClientV2;
import io.milvus.v2.common.ConsistencyLevel;
import io.milvus.v2.common.IndexParam;
import io.milvus.v2.service.vector.request.SearchReq;
import io.milvus.v2.service.vector.request.data.BaseVector;
import io.milvus.v2.service.vector.request.data.FloatVec;
import io.milvus.v2.service.vector.response.SearchResp;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * An application searching: one Java SDK client sends top-k searches of {@link SyntheticCollection}'s
 * vectors one after another (bounded consistency, the collection's default, so no search waits for
 * the server's time tick) and times each from request to answer.
 */
final class SearchLatency implements AutoCloseable {

  /** The latency of each search in µs, and the primary keys each found, in the order of the queries. */
  record Pass(long[] micros, List<List<Object>> hits) {}

  private final MilvusClientV2 client;
  private final List<BaseVector> queries;
  private final int topK;

  SearchLatency(String uri, String database, List<BaseVector> queries, int topK) {
    this.client = new MilvusClientV2(ConnectConfig.builder().uri(uri).dbName(database).build());
    this.queries = queries;
    this.topK = topK;
  }

  /** {@code count} random query vectors of {@code dim}, the same for every seed. */
  static List<BaseVector> queries(int count, int dim, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<BaseVector> vectors = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      float[] vector = new float[dim];
      for (int d = 0; d < dim; d++) {
        vector[d] = (float) random.nextDouble(-1, 1);
      }
      vectors.add(new FloatVec(vector));
    }
    return vectors;
  }

  /** One search per query vector, one at a time. */
  Pass pass() {
    long[] micros = new long[queries.size()];
    List<List<Object>> hits = new ArrayList<>(queries.size());
    for (int i = 0; i < queries.size(); i++) {
      SearchReq request = SearchReq.builder().collectionName(SyntheticCollection.COLLECTION)
          .annsField(SyntheticCollection.VECTOR_FIELD).metricType(IndexParam.MetricType.COSINE)
          .consistencyLevel(ConsistencyLevel.BOUNDED).data(List.of(queries.get(i))).topK(topK).build();
      long started = System.nanoTime();
      SearchResp response = client.search(request);
      micros[i] = (System.nanoTime() - started) / 1000;
      hits.add(response.getSearchResults().get(0).stream().map(SearchResp.SearchResult::getId).toList());
    }
    return new Pass(micros, hits);
  }

  @Override
  public void close() {
    client.close();
  }
}
