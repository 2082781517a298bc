package dev.milvusmigrate.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyStreamComparatorTest {

  private final KeyStreamComparator comparator = new KeyStreamComparator(10);

  @Test
  void equalStreamsHaveNothingMissingOrUnexpected() {
    List<Object> common = new ArrayList<>();
    KeyComparison result = comparator.compare(longs(1, 2, 3).iterator(), longs(1, 2, 3).iterator(), common::add);

    assertThat(result).isEqualTo(new KeyComparison(3, 3, 0, 0, List.of()));
    assertThat(common).containsExactly(1L, 2L, 3L);
  }

  @Test
  void countsMissingAndUnexpectedKeysWithExamples() {
    List<Object> common = new ArrayList<>();
    KeyComparison result = comparator.compare(longs(1, 2, 4, 7, 9).iterator(), longs(2, 3, 4, 9, 10, 11).iterator(),
        common::add);

    assertThat(result.sourceDistinct()).isEqualTo(5);
    assertThat(result.targetDistinct()).isEqualTo(6);
    assertThat(result.missingInTarget()).isEqualTo(2);
    assertThat(result.unexpectedInTarget()).isEqualTo(3);
    assertThat(result.examples()).containsExactly("missing in target: 1", "unexpected in target: 3",
        "missing in target: 7", "unexpected in target: 10", "unexpected in target: 11");
    assertThat(common).containsExactly(2L, 4L, 9L);
  }

  @Test
  void repeatedKeysCountOnceAsDistinct() {
    KeyComparison result = comparator.compare(longs(1, 1, 2, 2, 2, 3).iterator(), longs(1, 2, 3, 3).iterator(),
        key -> { });

    assertThat(result).isEqualTo(new KeyComparison(3, 3, 0, 0, List.of()));
  }

  @Test
  void emptySidesCountEverythingOnTheOther() {
    KeyComparison allMissing = comparator.compare(longs(5, 6).iterator(), longs().iterator(), key -> { });
    KeyComparison allUnexpected = comparator.compare(longs().iterator(), longs(5).iterator(), key -> { });

    assertThat(allMissing).isEqualTo(new KeyComparison(2, 0, 2, 0, List.of("missing in target: 5",
        "missing in target: 6")));
    assertThat(allUnexpected).isEqualTo(new KeyComparison(0, 1, 0, 1, List.of("unexpected in target: 5")));
  }

  @Test
  void examplesAreCapped() {
    KeyComparison result = new KeyStreamComparator(2).compare(longs(1, 2, 3, 4).iterator(), longs().iterator(),
        key -> { });

    assertThat(result.missingInTarget()).isEqualTo(4);
    assertThat(result.examples()).containsExactly("missing in target: 1", "missing in target: 2");
  }

  @Test
  void varcharKeysMergeInUtf8ByteOrder() {
    // U+FF21 sorts before U+1F600 in UTF-8 bytes (EF.. < F0..) but after it in UTF-16 (FF21 > D83D).
    List<Object> keys = List.of("a", "b", "\uFF21", "\uD83D\uDE00");
    KeyComparison result = comparator.compare(keys.iterator(), List.<Object>of("a", "\uFF21", "\uD83D\uDE00")
        .iterator(), key -> { });

    assertThat(result).isEqualTo(new KeyComparison(4, 3, 1, 0, List.of("missing in target: b")));
  }

  @Test
  void keysOutOfOrderFailClearly() {
    assertThatThrownBy(() -> comparator.compare(longs(1, 3, 2).iterator(), longs(1).iterator(), key -> { }))
        .hasMessage("Primary keys from the source came back out of order (2 after 3), so they cannot be compared.");
  }

  /** Entities with digests merge by their keys; both sides' entities of a common key are handed on. */
  @Test
  void itemsCarryingKeysAreComparedByKeyAndHandedOnInPairs() {
    List<DigestedEntity> source = List.of(entity(1, 0), entity(2, 0), entity(4, 0));
    List<DigestedEntity> target = List.of(entity(1, 0), entity(2, 9), entity(3, 0));
    List<Object> differing = new ArrayList<>();

    KeyComparison result = comparator.compare(source.iterator(), target.iterator(), DigestedEntity::key,
        (s, t) -> {
          if (!s.sameFields(t)) {
            differing.add(s.key());
          }
        });

    assertThat(result).isEqualTo(new KeyComparison(3, 3, 1, 1, List.of("unexpected in target: 3",
        "missing in target: 4")));
    assertThat(differing).containsExactly(2L);
  }

  private static DigestedEntity entity(long key, int digest) {
    return new DigestedEntity(key, new byte[] {(byte) digest});
  }

  private static List<Object> longs(long... values) {
    List<Object> keys = new ArrayList<>();
    for (long value : values) {
      keys.add(value);
    }
    return keys;
  }
}
