package dev.milvusmigrate.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.milvusmigrate.sink.ChangedKeys.Comparison;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CutoverTallyTest {

  private static final Comparison BOTH_EQUAL = new Comparison(true, true, true);
  private static final Comparison GONE_FROM_BOTH = new Comparison(false, false, true);

  private final SortedKeys baseline = keys(1L, 2L, 3L, 4L);

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
    compared.put(9L, new Comparison(true, false, false));
    compared.put(2L, new Comparison(false, true, false));
    compared.put(3L, new Comparison(true, true, false));

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

  private static SortedKeys keys(Object... values) {
    SortedKeys keys = new SortedKeys();
    for (Object value : values) {
      keys.add(value);
    }
    return keys;
  }
}
