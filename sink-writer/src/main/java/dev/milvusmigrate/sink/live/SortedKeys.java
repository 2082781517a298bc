package dev.milvusmigrate.sink.live;

import dev.milvusmigrate.verification.PrimaryKeyOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;

/**
 * The distinct primary keys one side of a collection held when a baseline scan read them, kept in
 * ascending order: INT64 keys as a packed {@code long[]} (8 bytes a key), VARCHAR keys as strings.
 * Keys must be added in ascending order; a repeat of the last key is ignored.
 */
final class SortedKeys {

  private long[] longs = new long[1024];
  private final List<String> strings = new ArrayList<>();
  private int longCount;

  void add(Object key) {
    if (key instanceof Long value) {
      if (longCount > 0 && longs[longCount - 1] == value) {
        return;
      }
      if (longCount == longs.length) {
        longs = Arrays.copyOf(longs, longs.length * 2);
      }
      longs[longCount++] = value;
    } else {
      String value = (String) key;
      if (!strings.isEmpty() && strings.get(strings.size() - 1).equals(value)) {
        return;
      }
      strings.add(value);
    }
  }

  int size() {
    return longCount + strings.size();
  }

  boolean contains(Object key) {
    if (key instanceof Long value) {
      return Arrays.binarySearch(longs, 0, longCount, value) >= 0;
    }
    return Collections.binarySearch(strings, (String) key, PrimaryKeyOrder.INSTANCE) >= 0;
  }

  private Object get(int index) {
    return longCount > 0 ? (Object) longs[index] : strings.get(index);
  }

  /** Hands every key that only one of the two sets holds to {@code each}, in one merge pass. */
  static void differences(SortedKeys a, SortedKeys b, Consumer<Object> each) {
    int i = 0;
    int j = 0;
    while (i < a.size() || j < b.size()) {
      int order = i == a.size() ? 1 : j == b.size() ? -1 : PrimaryKeyOrder.INSTANCE.compare(a.get(i), b.get(j));
      if (order < 0) {
        each.accept(a.get(i++));
      } else if (order > 0) {
        each.accept(b.get(j++));
      } else {
        i++;
        j++;
      }
    }
  }
}
