package dev.milvusmigrate.verification;

import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.stream.LongStream;

/**
 * Compares the entities of two sides whose keys differ (the target generated its own): as multisets
 * of each entity's fields without the key, each entity taken as the first 64 bits of its
 * {@link EntityDigests digest}. An entity of one side without an equal one on the other is missing
 * or unexpected; a repeated entity must be repeated as often on the other side. Holds 8 bytes per
 * entity of a partition in memory. Pure.
 */
final class ContentMultiset {

  private ContentMultiset() {}

  /** @param source and {@code target}: the digests ({@link Long}) of one partition's entities on each side */
  static KeyComparison compare(Iterator<Object> source, Iterator<Object> target) {
    long[] s = sorted(source);
    long[] t = sorted(target);
    long matched = 0;
    for (int i = 0, j = 0; i < s.length && j < t.length; ) {
      int order = Long.compare(s[i], t[j]);
      if (order == 0) {
        matched++;
        i++;
        j++;
      } else if (order < 0) {
        i++;
      } else {
        j++;
      }
    }
    return new KeyComparison(s.length, t.length, s.length - matched, t.length - matched, List.of());
  }

  private static long[] sorted(Iterator<Object> digests) {
    LongStream.Builder all = LongStream.builder();
    digests.forEachRemaining(digest -> all.add((Long) digest));
    long[] values = all.build().toArray();
    Arrays.sort(values);
    return values;
  }
}
