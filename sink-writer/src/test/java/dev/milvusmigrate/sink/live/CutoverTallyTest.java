package dev.milvusmigrate.sink.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.milvusmigrate.sink.live.ChangedKeys.Comparison;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CutoverTallyTest {

  private static final Comparison BOTH_EQUAL = Comparisons.whole(true, true, true);
  private static final Comparison GONE_FROM_BOTH = Comparisons.whole(false, false, true);

  private final PartitionedKeys baseline = keys(1L, 2L, 3L, 4L);

  @Test
  void distinctKeysAreTheBaselinesAdjustedByWhatChangedSince() {
    Map<Object, Comparison> compared = new HashMap<>();
    compared.put(2L, GONE_FROM_BOTH); // deleted after the baseline
    compared.put(3L, BOTH_EQUAL); // updated
    compared.put(9L, BOTH_EQUAL); // inserted
    compared.put(10L, BOTH_EQUAL);

    CutoverTally tally = CutoverTally.of(baseline, keys(1L, 2L, 3L, 4L), compared, 5, 5, 10);

    assertThat(tally.sourceDistinct()).isEqualTo(5);
    assertThat(tally.targetDistinct()).isEqualTo(5);
    assertThat(tally.countsAgree()).isTrue();
    assertThat(tally.missingInTarget() + tally.unexpectedInTarget() + tally.mismatched()).isZero();
    assertThat(tally.examples()).isEmpty();
  }

  @Test
  void differencesFoundAtCutoverAreCountedWithExamples() {
    Map<Object, Comparison> compared = new HashMap<>();
    compared.put(9L, Comparisons.whole(true, false, false));
    compared.put(2L, Comparisons.whole(false, true, false));
    compared.put(3L, Comparisons.whole(true, true, false));

    CutoverTally tally = CutoverTally.of(baseline, keys(1L, 2L, 3L, 4L), compared, 4, 4, 10);

    assertThat(tally.missingInTarget()).isEqualTo(1);
    assertThat(tally.unexpectedInTarget()).isEqualTo(1);
    assertThat(tally.mismatched()).isEqualTo(1);
    assertThat(tally.examples()).containsExactlyInAnyOrder("missing in target: 9", "unexpected in target: 2",
        "mismatched: 3");
    assertThat(tally.countsAgree()).isTrue();
  }

  @Test
  void aCountTheChangesDoNotExplainCallsForAFullVerification() {
    // An entity deleted on the target behind the pipeline's back: no mutation names it.
    CutoverTally tally = CutoverTally.of(baseline, keys(1L, 2L, 3L, 4L), Map.of(), 4, 3, 10);

    assertThat(tally.countsAgree()).isFalse();
  }

  @Test
  void anEntityNeverComparedCallsForAFullVerification() {
    Map<Object, Comparison> compared = new HashMap<>();
    compared.put(9L, null);

    assertThat(CutoverTally.of(baseline, keys(1L, 2L, 3L, 4L), compared, 4, 4, 10).countsAgree()).isFalse();
  }

  @Test
  void aKeyHeldInTwoPartitionsIsTwoRowsOnEachSide() {
    // The source kept key 5 in p1 when an upsert wrote it into p2 (Milvus 2.3); the target holds both too.
    PartitionedKeys source = keys("p1", 1L, 5L).and("p2", 5L, 7L).keys;
    PartitionedKeys target = keys("p1", 1L, 5L).and("p2", 5L, 7L).keys;
    Map<Object, Comparison> compared = Map.of(7L, new Comparison(Set.of("p2"), Set.of("p2"), true));

    CutoverTally tally = CutoverTally.of(source, target, compared, 4, 4, 10);

    assertThat(tally.countsAgree()).isTrue();
    assertThat(tally.sourceDistinct()).isEqualTo(4);
    assertThat(tally.missingInTarget() + tally.unexpectedInTarget() + tally.mismatched()).isZero();
  }

  @Test
  void aKeyMovedToAnotherPartitionOnlyOnOneSideIsMissingThereAndUnexpectedWhereItWas() {
    PartitionedKeys source = keys("p1", 1L).and("p2", 2L).keys;
    PartitionedKeys target = keys("p1", 1L, 2L).keys;
    Map<Object, Comparison> compared = Map.of(2L, new Comparison(Set.of("p2"), Set.of("p1"), false));

    CutoverTally tally = CutoverTally.of(source, target, compared, 2, 2, 10);

    assertThat(tally.countsAgree()).isTrue();
    assertThat(tally.missingInTarget()).isEqualTo(1);
    assertThat(tally.unexpectedInTarget()).isEqualTo(1);
    assertThat(tally.mismatched()).isZero();
    assertThat(tally.examples()).containsExactlyInAnyOrder("missing in target: 2 (partition p2)",
        "unexpected in target: 2 (partition p1)");
  }

  @Test
  void aCopyLeftInTheOldPartitionOfTheTargetIsUnexpected() {
    // Deleted from p1 and written into p2 on the source; the target kept the p1 copy.
    PartitionedKeys source = keys("p1", 3L).keys;
    PartitionedKeys target = keys("p1", 3L).keys;
    Map<Object, Comparison> compared = Map.of(3L, new Comparison(Set.of("p2"), Set.of("p1", "p2"), false));

    CutoverTally tally = CutoverTally.of(source, target, compared, 1, 2, 10);

    assertThat(tally.countsAgree()).isTrue();
    assertThat(tally.targetDistinct()).isEqualTo(2);
    assertThat(tally.unexpectedInTarget()).isEqualTo(1);
    assertThat(tally.examples()).containsExactly("unexpected in target: 3 (partition p1)");
  }

  private static PartitionedKeys keys(Object... values) {
    return new Layout().and(null, values).keys;
  }

  private static Layout keys(String partition, Object... values) {
    return new Layout().and(partition, values);
  }

  private static final class Layout {
    final PartitionedKeys keys = new PartitionedKeys();

    Layout and(String partition, Object... values) {
      for (Object value : values) {
        keys.in(partition).add(value);
      }
      return this;
    }
  }
}
