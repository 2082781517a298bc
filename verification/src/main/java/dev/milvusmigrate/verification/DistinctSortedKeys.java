package dev.milvusmigrate.verification;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.Function;

/**
 * Wraps an ascending key stream: drops repeats of the same key and fails clearly if the stream is
 * not ascending, since the merge comparison would otherwise count wrong.
 */
final class DistinctSortedKeys<T> implements Iterator<T> {

  private final Iterator<T> keys;
  private final Function<T, Object> keyOf;
  private final String side;
  private T previous;
  private T next;

  DistinctSortedKeys(Iterator<T> keys, Function<T, Object> keyOf, String side) {
    this.keys = keys;
    this.keyOf = keyOf;
    this.side = side;
  }

  @Override
  public boolean hasNext() {
    while (next == null && keys.hasNext()) {
      T candidate = keys.next();
      int order = previous == null ? 1 : PrimaryKeyOrder.INSTANCE.compare(keyOf.apply(candidate), keyOf.apply(previous));
      if (order < 0) {
        throw new IllegalStateException("Primary keys from the " + side + " came back out of order ("
            + keyOf.apply(candidate) + " after " + keyOf.apply(previous) + "), so they cannot be compared.");
      }
      if (order > 0) {
        next = candidate;
      }
    }
    return next != null;
  }

  @Override
  public T next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    previous = next;
    next = null;
    return previous;
  }
}
