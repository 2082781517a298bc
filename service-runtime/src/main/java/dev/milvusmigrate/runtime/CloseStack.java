package dev.milvusmigrate.runtime;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What a service opened, closed in the reverse order: a part is closed only after everything that
 * was opened after it (and may use it). Every part is closed even when one fails; the first
 * failure is thrown with the later ones suppressed.
 */
public final class CloseStack implements AutoCloseable {

  private final Deque<AutoCloseable> parts = new ArrayDeque<>();

  /** Adds a part to close before everything added so far; returns it. */
  public <T extends AutoCloseable> T push(T part) {
    parts.push(part);
    return part;
  }

  /** Closes every part; a checked failure is thrown as an {@link IllegalStateException}. */
  @Override
  public void close() {
    RuntimeException first = null;
    while (!parts.isEmpty()) {
      try {
        parts.pop().close();
      } catch (Exception e) {
        RuntimeException failure = e instanceof RuntimeException r ? r : new IllegalStateException(e.getMessage(), e);
        if (first == null) {
          first = failure;
        } else {
          first.addSuppressed(failure);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }

  /** Closes everything after {@code failure} stopped the opening; what fails to close is suppressed into it. */
  public void closeAfter(RuntimeException failure) {
    try {
      close();
    } catch (RuntimeException e) {
      failure.addSuppressed(e);
    }
  }
}
