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
  void differentMetricsFailWhateverTheRecallAndTheSentenceNamesBoth() {
    SearchParity.Result same = new SearchParity.Result("embedding", "L2", "L2", 10, 0.96);
    SearchParity.Result other = new SearchParity.Result("embedding", "L2", "IP", 10, 1.0);
    SearchParity.Result low = new SearchParity.Result("embedding", "COSINE", "COSINE", 10, 0.4);

    assertThat(same.fails()).isFalse();
    assertThat(same.describe()).isEqualTo("search parity of embedding (L2, top 10, 10 queries from the source's own"
        + " entities): the target returned 96% of the source's results");
    assertThat(other.fails()).isTrue();
    assertThat(other.describe()).contains("(L2 on the source, IP on the target,").endsWith("(check the metric and"
        + " index of embedding)");
    assertThat(low.fails()).isTrue();
  }
}
