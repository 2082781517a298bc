package dev.milvusmigrate.verification;

import dev.milvusmigrate.verification.CollectionVerifier.PartitionedKey;
import java.util.ArrayList;
import java.util.List;

/** Tallies the entities a full comparison compared by digest, and keeps the first keys whose digests differ. */
final class DigestMismatches {

  private final int maxExamples;
  private final List<Object> examples = new ArrayList<>();
  private long compared;
  private long mismatched;

  DigestMismatches(int maxExamples) {
    this.maxExamples = maxExamples;
  }

  void compare(String partition, DigestedEntity source, DigestedEntity target) {
    compared++;
    if (!source.sameFields(target)) {
      mismatched++;
      if (examples.size() < maxExamples) {
        examples.add(new PartitionedKey(partition, source.key()));
      }
    }
  }

  long compared() {
    return compared;
  }

  long mismatched() {
    return mismatched;
  }

  /** The first differing keys with their partitions, to be read again and compared field by field. */
  List<Object> examples() {
    return List.copyOf(examples);
  }
}
