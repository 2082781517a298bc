package dev.milvusmigrate.bench;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import io.milvus.orm.iterator.QueryIterator;
import io.milvus.response.QueryResultsWrapper.RowRecord;
import io.milvus.v2.client.ConnectConfig;
import io.milvus.v2.client.MilvusClientV2;
import io.milvus.v2.service.vector.request.InsertReq;
import io.milvus.v2.service.vector.request.QueryIteratorReq;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The baseline users start from: the SDK's row-based query iterator and row inserts, one batch
 * at a time. It may stop after {@code limit} rows to keep a run short; compare rows/s then.
 */
final class NaiveRowCopy {

  static final String METHOD = "(c) naive SDK row iterator + row insert";
  private static final Gson GSON = new Gson();

  private final int batchRows;

  NaiveRowCopy(int batchRows) {
    this.batchRows = batchRows;
  }

  /** Copies the first {@code limit} rows into the existing, empty target collection. */
  Throughput run(String sourceUri, String sourceDb, String targetUri, String targetDb, long limit, int rowBytes) {
    MilvusClientV2 source = new MilvusClientV2(ConnectConfig.builder().uri(sourceUri).dbName(sourceDb).build());
    MilvusClientV2 target = new MilvusClientV2(ConnectConfig.builder().uri(targetUri).dbName(targetDb).build());
    try {
      long started = System.nanoTime();
      long rows = copy(source, target, limit);
      return Throughput.of(METHOD, rows, rowBytes, Duration.ofNanos(System.nanoTime() - started));
    } finally {
      source.close();
      target.close();
    }
  }

  private long copy(MilvusClientV2 source, MilvusClientV2 target, long limit) {
    QueryIterator iterator = source.queryIterator(QueryIteratorReq.builder()
        .collectionName(SyntheticCollection.COLLECTION).outputFields(List.of("*")).batchSize(batchRows).build());
    long rows = 0;
    try {
      while (rows < limit) {
        List<RowRecord> batch = iterator.next();
        if (batch.isEmpty()) {
          break;
        }
        List<RowRecord> wanted = batch.subList(0, (int) Math.min(batch.size(), limit - rows));
        List<JsonObject> jsonRows = new ArrayList<>(wanted.size());
        wanted.forEach(row -> jsonRows.add(GSON.toJsonTree(row.getFieldValues()).getAsJsonObject()));
        target.insert(InsertReq.builder().collectionName(SyntheticCollection.COLLECTION).data(jsonRows).build());
        rows += wanted.size();
      }
    } finally {
      iterator.close();
    }
    return rows;
  }
}
