package dev.milvusmigrate.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SplitTest {

  @Test
  void countsDifferByAtMostOneAndAddUpToTheTotal() {
    assertThat(Split.evenly(1_000_000, 8)).containsOnly(125_000);
    assertThat(Split.evenly(10, 4)).containsExactly(3, 3, 2, 2);
    assertThat(Split.evenly(2, 3)).containsExactly(1, 1, 0);
  }

  @Test
  void noCollectionsIsRefused() {
    assertThatThrownBy(() -> Split.evenly(10, 0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("over 0 collections");
  }
}
