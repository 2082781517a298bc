package dev.milvusmigrate.sink.live;

import dev.milvusmigrate.sink.live.ChangedKeys.Comparison;
import java.util.Collections;
import java.util.Set;

/** Comparisons as {@link EntityCheck} makes them, for tests. */
final class Comparisons {

  private static final Set<String> WHOLE = Collections.singleton(null);

  private Comparisons() {}

  /** An entity of a collection compared as a whole. */
  static Comparison whole(boolean inSource, boolean inTarget, boolean equal) {
    return new Comparison(inSource ? WHOLE : Set.of(), inTarget ? WHOLE : Set.of(), equal);
  }
}
