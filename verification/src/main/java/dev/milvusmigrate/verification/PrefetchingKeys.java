package dev.milvusmigrate.verification;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Reads a key stream on a thread of its own, a few pages ahead of the consumer, so that the
 * source's and the target's key scans of a verification wait on their servers at the same time
 * instead of one after the other. Keys (or, in a full comparison, keys with their entities'
 * digests) come out in the stream's order; a failure of the scan is thrown to the consumer. Close
 * it to stop the reader early.
 */
public final class PrefetchingKeys implements Iterator<Object>, AutoCloseable {

  private static final int PAGES_AHEAD = 2;
  private static final int PAGE = PrimaryKeyScan.PAGE_SIZE;
  private static final List<Object> END = List.of();

  private final BlockingQueue<Object> pages = new ArrayBlockingQueue<>(PAGES_AHEAD);
  private final ArrayDeque<Object> current = new ArrayDeque<>();
  private final Thread reader;
  private boolean ended;

  public PrefetchingKeys(Iterator<Object> keys, String name) {
    this.reader = new Thread(() -> readAll(keys), "verify-keys-" + name);
    reader.setDaemon(true);
    reader.start();
  }

  @Override
  public boolean hasNext() {
    while (current.isEmpty() && !ended) {
      takePage();
    }
    return !current.isEmpty();
  }

  @Override
  public Object next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return current.removeFirst();
  }

  @Override
  public void close() {
    reader.interrupt();
  }

  private void readAll(Iterator<Object> keys) {
    try {
      List<Object> page = new ArrayList<>(PAGE);
      while (keys.hasNext()) {
        page.add(keys.next());
        if (page.size() == PAGE) {
          pages.put(page);
          page = new ArrayList<>(PAGE);
        }
      }
      pages.put(page);
      pages.put(END);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      pages.clear();
      pages.offer(e);
    }
  }

  private void takePage() {
    Object taken;
    try {
      taken = pages.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading primary keys", e);
    }
    if (taken instanceof RuntimeException failure) {
      ended = true;
      throw failure;
    }
    if (taken == END) {
      ended = true;
      return;
    }
    @SuppressWarnings("unchecked")
    List<Object> page = (List<Object>) taken;
    current.addAll(page);
  }
}
