package dev.milvusmigrate.verification;

import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Wraps an ascending key stream: drops repeats of the same key and fails clearly if the stream is
 * not ascending, since the merge comparison would otherwise count wrong.
 */
final class DistinctSortedKeys implements Iterator<Object> {

  private final Iterator<Object> keys;
  private final String side;
  private Object previous;
  private Object next;

  DistinctSortedKeys(Iterator<Object> keys, String side) {
    this.keys = keys;
    this.side = side;
  }

  @Override
  public boolean hasNext() {
    while (next == null && keys.hasNext()) {
      Object candidate = keys.next();
      int order = previous == null ? 1 : PrimaryKeyOrder.INSTANCE.compare(candidate, previous);
      if (order < 0) {
        throw new IllegalStateException("Primary keys from the " + side + " came back out of order (" + candidate
            + " after " + previous + "), so they cannot be compared.");
      }
      if (order > 0) {
        next = candidate;
      }
    }
    return next != null;
  }

  @Override
  public Object next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    previous = next;
    next = null;
    return previous;
  }
}
