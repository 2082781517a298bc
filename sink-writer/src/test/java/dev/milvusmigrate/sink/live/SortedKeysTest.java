package dev.milvusmigrate.sink.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SortedKeysTest {

  @Test
  void keepsAscendingIntegerKeysOnceAndFindsThem() {
    SortedKeys keys = of(-5L, 1L, 1L, 7L, 3_000_000_000L);

    assertThat(keys.size()).isEqualTo(4);
    assertThat(keys.contains(7L)).isTrue();
    assertThat(keys.contains(-5L)).isTrue();
    assertThat(keys.contains(3_000_000_000L)).isTrue();
    assertThat(keys.contains(2L)).isFalse();
  }

  @Test
  void growsPastItsFirstArray() {
    SortedKeys keys = new SortedKeys();
    for (long key = 0; key < 5_000; key++) {
      keys.add(key * 2);
    }

    assertThat(keys.size()).isEqualTo(5_000);
    assertThat(keys.contains(9_998L)).isTrue();
    assertThat(keys.contains(9_997L)).isFalse();
  }

  @Test
  void findsVarcharKeysInMilvusOrder() {
    SortedKeys keys = of("a", "b", "b", "zz", "\uD83D\uDE00");

    assertThat(keys.size()).isEqualTo(4);
    assertThat(keys.contains("zz")).isTrue();
    assertThat(keys.contains("\uD83D\uDE00")).isTrue();
    assertThat(keys.contains("c")).isFalse();
  }

  @Test
  void differencesAreTheKeysOnlyOneSideHolds() {
    List<Object> differences = new ArrayList<>();

    SortedKeys.differences(of(1L, 2L, 4L, 6L), of(2L, 3L, 4L, 7L, 8L), differences::add);

    assertThat(differences).containsExactly(1L, 3L, 6L, 7L, 8L);
  }

  @Test
  void anEmptySideMakesEveryKeyOfTheOtherADifference() {
    List<Object> differences = new ArrayList<>();

    SortedKeys.differences(new SortedKeys(), of("a", "b"), differences::add);

    assertThat(differences).containsExactly("a", "b");
  }

  private static SortedKeys of(Object... keys) {
    SortedKeys sorted = new SortedKeys();
    for (Object key : keys) {
      sorted.add(key);
    }
    return sorted;
  }
}
