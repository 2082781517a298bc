package dev.milvusmigrate.demo;

import java.io.PrintWriter;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Everything the demo started, stopped once in reverse order: at the end of the demo, or by the
 * JVM shutdown hook when Ctrl-C ends it early. A part that fails to stop is reported and the
 * others are still stopped.
 */
final class Cleanup {

  private final Deque<AutoCloseable> started = new ArrayDeque<>();
  private final PrintWriter err;

  Cleanup(PrintWriter err) {
    this.err = err;
  }

  synchronized <T extends AutoCloseable> T add(T resource) {
    started.push(resource);
    return resource;
  }

  synchronized boolean isEmpty() {
    return started.isEmpty();
  }

  synchronized void stopAll() {
    for (AutoCloseable next = started.poll(); next != null; next = started.poll()) {
      try {
        next.close();
      } catch (Exception e) {
        err.println("Could not stop a part of the demo (" + e.getClass().getSimpleName() + ": " + e.getMessage()
            + "); stopping the rest.");
      }
    }
  }
}
