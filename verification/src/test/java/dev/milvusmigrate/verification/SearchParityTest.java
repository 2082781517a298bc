package dev.milvusmigrate.verification;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SearchParityTest {

  @Test
  void recallIsTheMeanShareOfEachQuerysExpectedKeysFound() {
    List<List<Object>> expected = List.of(List.of(1L, 2L, 3L, 4L), List.of(5L, 6L));
    List<List<Object>> actual = List.of(List.of(4L, 3L, 9L, 8L), List.of(6L, 5L));

    assertThat(SearchParity.recall(expected, actual)).isEqualTo((0.5 + 1.0) / 2);
  }

  @Test
  void aQueryWithoutExpectedKeysCountsAsFoundAndAMissingAnswerAsNothingFound() {
    assertThat(SearchParity.recall(List.of(List.of(), List.of(1L)), List.of(List.of(7L)))).isEqualTo(0.5);
  }

  @Test
  void differentMetricsFailWhateverTheFiguresAndTheSentenceNamesBoth() {
    SearchParity.Result same = new SearchParity.Result("embedding", "L2", "L2", 10, 0.96, 1.0);
    SearchParity.Result other = new SearchParity.Result("embedding", "L2", "IP", 10, 1.0, 1.0);

    assertThat(same.fails()).isFalse();
    assertThat(same.describe()).isEqualTo("search parity of embedding (L2, top 10, 10 queries from the source's own"
        + " entities): the target found 100% of the queried entities and returned 96% of the source's results");
    assertThat(other.fails()).isTrue();
    assertThat(other.describe()).contains("(L2 on the source, IP on the target,").endsWith("(check the metric and"
        + " index of embedding)");
  }

  /** Two correct approximate indexes on vectors without neighbourhoods agree on the entity itself, not on the rest. */
  @Test
  void aLowRecallPassesWhileTheTargetFindsTheQueriedEntitiesAndMissingThemFails() {
    SearchParity.Result otherNeighbours = new SearchParity.Result("embedding", "COSINE", "COSINE", 10, 0.33, 1.0);
    SearchParity.Result missesThem = new SearchParity.Result("embedding", "COSINE", "COSINE", 10, 0.9, 0.7);

    assertThat(otherNeighbours.fails()).isFalse();
    assertThat(missesThem.fails()).isTrue();
    assertThat(missesThem.describe()).contains("the target found 70% of the queried entities");
  }

  @Test
  void selfFoundCountsOnlyTheQueriesWhoseEntityTheSourceReturned() {
    List<Object> keys = List.of(1L, 2L, 3L);
    List<List<Object>> source = List.of(List.of(1L, 9L), List.of(2L, 8L), List.of(7L, 6L));
    List<List<Object>> target = List.of(List.of(1L, 5L), List.of(4L, 8L), List.of(3L));

    assertThat(SearchParity.selfFound(keys, source, target)).isEqualTo(0.5);
    assertThat(SearchParity.selfFound(List.of(3L), List.of(List.of(7L)), List.of(List.of()))).isEqualTo(1.0);
  }
}
