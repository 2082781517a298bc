package dev.milvusmigrate.milvus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.milvusmigrate.core.domain.CollectionName;
import dev.milvusmigrate.schemas.avro.CollectionSchema;
import dev.milvusmigrate.schemas.avro.PrimaryKeys;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyCountTest {

  private static final CollectionName COLLECTION = new CollectionName("db", "c");

  /** Serves keys 0..total-1 in key order, a page at a time, remembering each request. */
  private static final class KeyRange implements ColumnarReader {
    private final long total;
    private final List<PageRequest> requests = new ArrayList<>();

    KeyRange(long total) {
      this.total = total;
    }

    @Override
    public Page readPage(PageRequest request) {
      requests.add(request);
      long first = request.afterPk() == null ? 0 : (Long) request.afterPk() + 1;
      int rows = (int) Math.max(0, Math.min(request.limit(), total - first));
      return new Page(List.of(), rows, rows == 0 ? null : first, rows == 0 ? null : first + rows - 1, 0);
    }

    @Override
    public Page readByKeys(CollectionName collection, String partition, PrimaryKeys keys, List<String> outputFields,
        long snapshotTs) {
      throw new UnsupportedOperationException();
    }
  }

  @Test
  void countsEveryKeyAcrossPagesReadingOnlyTheKey() {
    KeyRange reader = new KeyRange(2L * KeyCount.PAGE + 5);

    long count = new KeyCount(reader).count(COLLECTION, "p", schema());

    assertThat(count).isEqualTo(2L * KeyCount.PAGE + 5);
    assertThat(reader.requests).extracting(PageRequest::afterPk)
        .containsExactly(null, (long) KeyCount.PAGE - 1, 2L * KeyCount.PAGE - 1);
    assertThat(reader.requests).allSatisfy(request -> {
      assertThat(request.outputFields()).containsExactly("id");
      assertThat(request.partition()).isEqualTo("p");
    });
  }

  @Test
  void aFullLastPageIsFollowedByAnEmptyOne() {
    KeyRange reader = new KeyRange(KeyCount.PAGE);

    assertThat(new KeyCount(reader).count(COLLECTION, null, schema())).isEqualTo(KeyCount.PAGE);
    assertThat(reader.requests).hasSize(2);
  }

  private static CollectionSchema schema() {
    return SampleSchemas.collection("db", "c", List.of(SampleSchemas.primaryKey("id")), false);
  }
}
