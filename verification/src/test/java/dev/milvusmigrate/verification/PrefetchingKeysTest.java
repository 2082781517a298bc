package dev.milvusmigrate.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class PrefetchingKeysTest {

  @Test
  void keysComeOutInOrderAcrossManyPages() {
    List<Object> keys = LongStream.range(0, 3L * PrimaryKeyScan.PAGE_SIZE + 7).boxed().map(Object.class::cast).toList();

    List<Object> read = new ArrayList<>();
    try (PrefetchingKeys prefetching = new PrefetchingKeys(keys.iterator(), "test")) {
      prefetching.forEachRemaining(read::add);
    }

    assertThat(read).isEqualTo(keys);
  }

  @Test
  void anEmptyStreamEndsAtOnce() {
    try (PrefetchingKeys prefetching = new PrefetchingKeys(List.of().iterator(), "test")) {
      assertThat(prefetching.hasNext()).isFalse();
    }
  }

  @Test
  void aFailureOfTheScanReachesTheConsumer() {
    Iterator<Object> failing = new Iterator<>() {
      private int given;

      @Override
      public boolean hasNext() {
        return true;
      }

      @Override
      public Object next() {
        if (given++ == 5) {
          throw new IllegalStateException("target unreachable");
        }
        return (long) given;
      }
    };

    try (PrefetchingKeys prefetching = new PrefetchingKeys(failing, "test")) {
      assertThatThrownBy(() -> prefetching.forEachRemaining(key -> { })).isInstanceOf(IllegalStateException.class)
          .hasMessage("target unreachable");
    }
  }
}
