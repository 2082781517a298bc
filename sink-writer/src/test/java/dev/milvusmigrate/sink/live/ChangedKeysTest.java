package dev.milvusmigrate.sink.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.milvusmigrate.core.domain.CollectionName;
import dev.milvusmigrate.sink.live.ChangedKeys.Comparison;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChangedKeysTest {

  private static final CollectionName BOOKS = new CollectionName("db", "books");
  private static final Comparison EQUAL = Comparisons.whole(true, true, true);
  private static final Comparison MISSING = Comparisons.whole(true, false, false);

  private final ChangedKeys keys = new ChangedKeys();

  @Test
  void aChangeIsDueOnlyOnceTheSinkCommittedPastItsOffset() {
    keys.changed(BOOKS, 1L, 0, 10);
    keys.changed(BOOKS, 2L, 1, 4);

    assertThat(keys.due(Map.of(0, 10L, 1, 5L), 100)).containsExactly(Map.entry(BOOKS, List.of(2L)));
    assertThat(keys.due(Map.of(0, 11L, 1, 5L), 100).get(BOOKS)).containsExactlyInAnyOrder(1L, 2L);
    assertThat(keys.due(Map.of(), 100)).isEmpty();
  }

  @Test
  void anEqualComparisonSettlesTheKeyUntilItsNextChange() {
    keys.changed(BOOKS, 1L, 0, 10);
    keys.compared(BOOKS, 1L, 10, EQUAL);

    assertThat(keys.due(Map.of(0, 100L), 100)).isEmpty();
    assertThat(keys.unsettled(BOOKS)).isEmpty();

    keys.changed(BOOKS, 1L, 0, 20);

    assertThat(keys.unsettled(BOOKS)).containsExactly(1L);
    assertThat(keys.due(Map.of(0, 100L), 100).get(BOOKS)).containsExactly(1L);
  }

  @Test
  void aComparisonOvertakenByANewerChangeSettlesNothing() {
    keys.changed(BOOKS, 1L, 0, 10);
    long seen = keys.lastOffset(BOOKS, 1L);
    keys.changed(BOOKS, 1L, 0, 11);

    keys.compared(BOOKS, 1L, seen, EQUAL);

    assertThat(keys.unsettled(BOOKS)).containsExactly(1L);
    assertThat(keys.comparisons(BOOKS)).containsEntry(1L, null);
  }

  @Test
  void aDifferingComparisonKeepsTheKeyDueAndIsRemembered() {
    keys.changed(BOOKS, 1L, 0, 10);
    keys.compared(BOOKS, 1L, 10, MISSING);

    assertThat(keys.unsettled(BOOKS)).containsExactly(1L);
    assertThat(keys.comparisons(BOOKS)).containsEntry(1L, MISSING);
  }

  @Test
  void keysToRecheckAreDueAtOnceAndAChangeMakesThemWaitForTheSink() {
    keys.recheck(BOOKS, "a");
    keys.recheck(BOOKS, "b");
    keys.changed(BOOKS, "b", 2, 7);

    assertThat(keys.due(Map.of(), 100).get(BOOKS)).containsExactly("a");
    assertThat(keys.size()).isEqualTo(2);
  }

  @Test
  void dueHandsOutAtMostTheLimit() {
    for (long key = 0; key < 10; key++) {
      keys.changed(BOOKS, key, 0, key);
    }

    assertThat(keys.due(Map.of(0, 100L), 4).get(BOOKS)).hasSize(4);
  }

  @Test
  void forgettingACollectionDropsItsKeysAndTheirCount() {
    CollectionName films = new CollectionName("db", "films");
    keys.changed(BOOKS, 1L, 0, 10);
    keys.changed(films, 1L, 0, 11);
    keys.changed(films, 2L, 0, 12);

    assertThat(keys.largest()).isEqualTo(films);
    assertThat(keys.forget(films)).isEqualTo(2);

    assertThat(keys.size()).isEqualTo(1);
    assertThat(keys.contains(films, 1L)).isFalse();
    assertThat(keys.largest()).isEqualTo(BOOKS);
    assertThat(keys.forget(films)).isZero();
  }

  @Test
  void noCollectionIsLargestWhenNoKeyIsKept() {
    assertThat(keys.largest()).isNull();
  }

  @Test
  void equalComparisonsAreKeptOnce() {
    keys.changed(BOOKS, 1L, 0, 10);
    keys.changed(BOOKS, 2L, 0, 11);
    keys.compared(BOOKS, 1L, 10, Comparisons.whole(true, false, false));
    keys.compared(BOOKS, 2L, 11, Comparisons.whole(true, false, false));

    Map<Object, Comparison> comparisons = keys.comparisons(BOOKS);
    assertThat(comparisons.get(1L)).isEqualTo(MISSING).isSameAs(comparisons.get(2L));
    assertThatThrownBy(() -> comparisons.get(1L).sourcePartitions().add("p"))
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
